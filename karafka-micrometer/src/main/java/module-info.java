/**
 * Karafka for Java, metrics: Karafka's events, its consumers' lag, its worker and its job store
 * on a Micrometer {@code MeterRegistry}; the Prometheus text of {@code /metrics}; kafka-clients'
 * own metrics. Prometheus and kafka-clients are optional: an app without them does not pull
 * them.
 */
module io.karafka.micrometer {
  requires transitive io.karafka.core;
  requires transitive micrometer.core;
  requires static micrometer.registry.prometheus;
  requires static kafka.clients;

  exports io.karafka.micrometer;
}
