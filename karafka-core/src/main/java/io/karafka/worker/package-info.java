/**
 * The background worker process: {@link io.karafka.worker.KarafkaWorker} performs jobs from any
 * {@code JobStore} with concurrency, timeouts, retries, kept acknowledgements and a graceful
 * stop.
 */
package io.karafka.worker;
