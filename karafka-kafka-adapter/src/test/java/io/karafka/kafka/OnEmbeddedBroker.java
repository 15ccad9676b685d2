package io.karafka.kafka;

import io.karafka.testkit.EmbeddedKafka;
import io.karafka.testkit.EmbeddedKafkaExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Integration tests on one embedded broker per test class, with a fresh {@link Handled#LOG}. */
abstract class OnEmbeddedBroker {
  @RegisterExtension
  static final EmbeddedKafkaExtension broker = new EmbeddedKafkaExtension();
  static EmbeddedKafka kafka;

  @BeforeEach
  void broker() {
    kafka = broker.broker();
  }

  @BeforeEach
  void reset() {
    Handled.LOG.clear();
  }
}
