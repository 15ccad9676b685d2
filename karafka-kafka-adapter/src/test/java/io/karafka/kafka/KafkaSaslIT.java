package io.karafka.kafka;

import static io.karafka.kafka.KafkaTestSupport.await;
import static io.karafka.kafka.KafkaTestSupport.committed;
import static io.karafka.kafka.KafkaTestSupport.endOffsets;
import static io.karafka.kafka.KafkaTestSupport.orders;
import static io.karafka.kafka.KafkaTestSupport.produce;
import static io.karafka.kafka.KafkaTestSupport.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.app.KarafkaApp;
import io.karafka.monitor.Event;
import io.karafka.server.KarafkaServer;
import io.karafka.testkit.EmbeddedKafka;
import io.karafka.testkit.RecordingMonitor;
import io.karafka.topic.TopicMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * SASL passed through to kafka-clients ({@code .property(..)}), against a real broker that takes
 * only SASL/PLAIN clients; a wrong password is reported and retried, never fatal.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // one broker for the class's tests
class KafkaSaslIT {
  private EmbeddedKafka kafka;
  /** What the running test's controllers handled. */
  private Handled handled;

  @BeforeAll
  void startSaslBroker() {
    kafka = EmbeddedKafka.startWithSaslPlain("billing", "billing-secret");
  }

  @AfterAll
  void stopSaslBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @BeforeEach
  void reset() {
    handled = new Handled();
  }

  private KarafkaApp app(String name, String password, RecordingMonitor monitor,
                         Duration sessionTimeout) {
    return KarafkaApp.builder()
        .setup(c -> c.name(name).inlineMode(true).topicMapper(TopicMapper.prefix("sasl"))
            .monitor(monitor).kafka(k -> k
                .hosts(kafka.bootstrapServers())
                .sessionTimeout(sessionTimeout).heartbeatInterval(Duration.ofSeconds(1))
                .offsetCommitInterval(Duration.ofMillis(200))
                .property("security.protocol", "SASL_PLAINTEXT")
                .property("sasl.mechanism", "PLAIN")
                .property("sasl.jaas.config", EmbeddedKafka.plainLogin("billing", password))))
        .routes(r -> r.topic("orders").controller(() -> new Handled.OrdersController(handled,
                name + "_orders")).responder(Handled.OrdersResponder.class))
        .build();
  }

  @Test
  void consumesRespondsAndCommitsAsASaslUser() throws Exception {
    kafka.createTopics(Map.of("sasl.orders", 2, "sasl.orders_confirmed", 2));
    KarafkaApp app = app("billing", "billing-secret", new RecordingMonitor(),
        Duration.ofSeconds(10));
    KafkaProducerPool producer = new KafkaProducerPool(app);
    KarafkaServer server = KarafkaServer.builder(app).source(new KafkaMessageSource(app))
        .producer(producer).build();
    try {
      server.start();
      produce(kafka, orders("sasl.orders", 10, 2, 3));
      await("10 orders over SASL", () -> handled.size() >= 10);
    } finally {
      server.close();
      producer.close();
    }
    assertEquals(10, readAll(kafka, List.of("sasl.orders_confirmed"), 10).size());
    assertEquals(endOffsets(kafka, "sasl.orders", 2), committed(kafka, "billing_orders"));
  }

  @Test
  void aWrongPasswordIsReportedAndRetriedNotFatal() throws Exception {
    kafka.createTopic("sasl.orders", 2);
    RecordingMonitor monitor = new RecordingMonitor();
    KarafkaApp app = app("intruder", "wrong-secret", monitor, Duration.ofSeconds(3));
    KafkaMessageSource source = new KafkaMessageSource(app);
    KafkaProducerPool producer = new KafkaProducerPool(app);
    KarafkaServer server = KarafkaServer.builder(app).source(source).producer(producer)
        .build();
    try {
      server.start();
      await("the refusal reported", () -> monitor.events(Event.DependencyDown.class).stream()
          .anyMatch(e -> e.error() instanceof SaslAuthenticationException));
      io.karafka.monitor.Dependency state = app.dependencies().all().stream()
          .filter(d -> d.name().startsWith("kafka group ")).findFirst().orElseThrow();
      await("it keeps trying", () -> state.failedAttempts() >= 2);
      assertEquals(1, monitor.events(Event.DependencyDown.class).size(), "told once");
      assertFalse(source.assigned());
      assertTrue(server.failure().isEmpty(), "a refused login is retried, not fatal");
      assertFalse(monitor.events().stream().anyMatch(e -> String.valueOf(e)
          .contains("wrong-secret")), "the password is never reported");
    } finally {
      server.close();
      producer.close();
    }
  }

  /**
   * A setting the broker refuses (a session timeout under its group.min.session.timeout.ms,
   * 6 s by default) kills the consumer for good: the server stops and says why.
   */
  @Test
  void aSessionTimeoutTheBrokerRefusesStopsTheServerSayingWhy() throws Exception {
    kafka.createTopic("sasl.orders", 2);
    KarafkaApp app = app("impatient", "billing-secret", new RecordingMonitor(),
        Duration.ofSeconds(2));
    KafkaProducerPool producer = new KafkaProducerPool(app);
    KarafkaServer server = KarafkaServer.builder(app).source(new KafkaMessageSource(app))
        .producer(producer).build();
    try {
      server.start();
      await("the server stopped", () -> server.failure().isPresent());
      assertEquals(org.apache.kafka.common.errors.InvalidSessionTimeoutException.class,
          server.failure().get().getClass());
      assertTrue(server.failure().get().getMessage().contains("session timeout is not within"
          + " the range allowed by the broker"), server.failure().get().getMessage());
    } finally {
      server.close();
      producer.close();
    }
  }
}
