/**
 * Karafka for Java, Kafka adapter: the consumer ({@link io.karafka.kafka.KafkaMessageSource}) and
 * the producer ({@link io.karafka.kafka.KafkaProducerPool}) on kafka-clients.
 */
module io.karafka.kafka {
  requires transitive io.karafka.core;
  requires transitive kafka.clients;

  exports io.karafka.kafka;
}
