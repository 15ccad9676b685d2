/**
 * Karafka's metrics on Micrometer: {@link io.karafka.micrometer.KarafkaMetrics}, a monitor that
 * counts and times every event and binds gauges of an app's dependencies, a server's consumer
 * lag, a worker's threads and a job store's queues (and serves {@code /metrics} on a Prometheus
 * registry); {@link io.karafka.micrometer.KafkaClientsMetrics}, kafka-clients' own metrics of
 * the consumers and producers the Kafka adapter creates.
 */
package io.karafka.micrometer;
