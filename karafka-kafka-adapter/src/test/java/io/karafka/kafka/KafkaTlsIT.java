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
import io.karafka.testkit.TestCertificates;
import io.karafka.topic.TopicMapper;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The seed's SSL settings (CA cert, client cert, client cert key) against a real broker that
 * speaks only TLS and requires client certificates (mutual TLS), with a private CA.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // one broker for the class's tests
class KafkaTlsIT {
  private TestCertificates tls;
  private EmbeddedKafka kafka;
  /** What the running test's controllers handled. */
  private Handled handled;

  @BeforeAll
  void startTlsBroker() {
    tls = TestCertificates.create();
    kafka = EmbeddedKafka.startWithTls(tls);
  }

  @AfterAll
  void stopTlsBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @BeforeEach
  void reset() {
    handled = new Handled();
  }

  @Test
  void consumesRespondsAndCommitsOverMutualTlsWithPemTextAndFiles() throws Exception {
    kafka.createTopics(Map.of("tls.orders", 2, "tls.orders_confirmed", 2));
    TestCertificates.Issued app = tls.issue("billing-app");
    KarafkaApp karafka = KarafkaApp.builder()
        .setup(c -> c.name("tls").inlineMode(true).topicMapper(TopicMapper.prefix("tls"))
            .kafka(k -> k
            .hosts(kafka.bootstrapServers())
            .sslCaCert(readString(tls.caCert()))          // PEM text
            .sslClientCert(app.cert().toString())          // PEM files
            .sslClientCertKey(app.key().toString())
            .offsetCommitInterval(Duration.ofMillis(200))))
        .routes(r -> r.topic("orders").controller(() -> new Handled.OrdersController(handled,
                "tls_orders")).responder(Handled.OrdersResponder.class))
        .build();
    KafkaProducerPool producer = new KafkaProducerPool(karafka);
    KarafkaServer server = server(karafka, new KafkaMessageSource(karafka), producer);
    try {
      produce(kafka, orders("tls.orders", 20, 2, 4));
      await("20 orders over TLS", () -> handled.size() >= 20);
    } finally {
      server.close();
      producer.close();
    }
    assertEquals(20, handled.size());
    assertEquals(20, readAll(kafka, List.of("tls.orders_confirmed"), 20).size(),
        "the responses went through the TLS producer");
    assertEquals(endOffsets(kafka, "tls.orders", 2), committed(kafka, "tls_orders"));
  }

  @Test
  void aClientWithoutACertificateIsRefusedReportedAndKeepsTrying() throws Exception {
    kafka.createTopic("tls.refused", 1);
    RecordingMonitor monitor = new RecordingMonitor();
    KarafkaApp karafka = KarafkaApp.builder()
        .setup(c -> c.name("anonymous").inlineMode(true).monitor(monitor).kafka(k -> k
            .hosts(kafka.bootstrapServers())
            .sessionTimeout(Duration.ofSeconds(3)).heartbeatInterval(Duration.ofSeconds(1))
            .sslCaCert(tls.caCert().toString())))         // trusts the broker, shows no cert
        .routes(r -> r.topic("tls.refused").controller(() -> new Handled.OrdersController(
            handled, "anonymous_tls.refused")))
        .build();
    KafkaMessageSource source = new KafkaMessageSource(karafka);
    KafkaProducerPool producer = new KafkaProducerPool(karafka);
    KarafkaServer server = server(karafka, source, producer);
    try {
      await("the refusal reported", () -> !monitor.events(Event.DependencyDown.class)
          .isEmpty());
      Event.DependencyDown reported = monitor.events(Event.DependencyDown.class).getFirst();
      assertEquals("kafka group anonymous_tls.refused", reported.dependency());
      assertEquals(kafka.bootstrapServers(), reported.address());
      assertTrue(reported.error()
          instanceof org.apache.kafka.common.errors.SslAuthenticationException,
          String.valueOf(reported.error()));
      io.karafka.monitor.Dependency state = karafka.dependencies().all().stream()
          .filter(d -> d.name().equals(reported.dependency())).findFirst().orElseThrow();
      await("it keeps trying", () -> state.failedAttempts() >= 2);
      assertEquals(1, monitor.events(Event.DependencyDown.class).size(), "told once");
      assertFalse(source.assigned());
      assertTrue(server.failure().isEmpty(), "a refusal is retried, not fatal");
    } finally {
      server.close();
      producer.close();
    }
  }

  /** @return a started server of the app */
  private static KarafkaServer server(KarafkaApp app, KafkaMessageSource source,
                                      KafkaProducerPool producer) {
    KarafkaServer server = KarafkaServer.builder(app).source(source).producer(producer).build();
    server.start();
    return server;
  }

  private static String readString(java.nio.file.Path path) {
    try {
      return Files.readString(path);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
