/**
 * What happens, told as it happens: the {@link io.karafka.monitor.Monitor} port, the sealed
 * {@link io.karafka.monitor.Event} records, the default {@link io.karafka.monitor.LoggingMonitor},
 * and {@link io.karafka.monitor.Dependencies}: the up-or-down state of each outside dependency,
 * whose changes become events (down once, a reminder per interval, recovered once).
 */
package io.karafka.monitor;
