/**
 * Health for orchestrators: {@link io.karafka.health.Health} reads the state of a process's
 * server, worker and dependencies; {@link io.karafka.health.HealthServer} serves it as
 * {@code /health/live}, {@code /health/ready} and {@code /metrics} on the JDK's HTTP server.
 */
package io.karafka.health;
