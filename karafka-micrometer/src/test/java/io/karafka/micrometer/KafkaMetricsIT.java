package io.karafka.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.app.KafkaSettings;
import io.karafka.app.KarafkaApp;
import io.karafka.controller.Controller;
import io.karafka.kafka.KafkaMessageSource;
import io.karafka.kafka.KafkaProducerPool;
import io.karafka.monitor.Monitor;
import io.karafka.producer.OutgoingMessage;
import io.karafka.producer.Partitioning;
import io.karafka.server.KarafkaServer;
import io.karafka.testkit.Await;
import io.karafka.testkit.EmbeddedKafka;
import io.karafka.testkit.EmbeddedKafkaExtension;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The consumer's meters on a real broker: messages received, performed, failed, retried and
 * dead-lettered; the lag of a partition rising while its controller is held and falling after;
 * kafka-clients' own meters bound while the clients are open.
 */
class KafkaMetricsIT {
  private static final Duration LIMIT = Duration.ofSeconds(60);

  @RegisterExtension
  static final EmbeddedKafkaExtension broker = new EmbeddedKafkaExtension();

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final KarafkaMetrics metrics = new KarafkaMetrics(registry);

  @AfterEach
  void close() {
    metrics.close();
  }

  @Test
  void messagesAreCountedAsTheyArePerformedFailedRetriedAndDeadLettered() throws Exception {
    EmbeddedKafka kafka = broker.broker();
    kafka.createTopics(Map.of("m1.orders", 1, "m1.dead", 1));
    KarafkaApp app = app("m1", "m1.orders", k -> k.maxAttempts(2).deadLetterTopic("m1.dead"),
        TestControllers.Work::new);
    KafkaProducerPool producer = new KafkaProducerPool(app,
        KafkaClientsMetrics.producers(registry));
    KafkaMessageSource source = new KafkaMessageSource(app,
        KafkaClientsMetrics.consumers(registry));
    try (KarafkaServer server = KarafkaServer.builder(app).source(source).producer(producer)
        .build()) {
      metrics.bind(app).bind(server);
      server.start();
      Await.within(LIMIT, "partitions assigned", source::assigned);
      producer.send(List.of(order("m1.orders", "{\"n\":0}"),
          order("m1.orders", "{\"n\":1,\"action\":\"fail\"}"), order("m1.orders", "{\"n\":2}"),
          order("m1.orders", "{\"n\":3}")));
      Await.within(LIMIT, "the failed message dead-lettered and the others performed",
          () -> count("karafka.messages.dead.lettered") == 1
              && count("karafka.messages.performed") == 3);
      assertTrue(kafkaClientMeters("kafka.consumer."), "the consumer's own metrics are bound");
      assertTrue(kafkaClientMeters("kafka.producer."), "the producer's own metrics are bound");
    } finally {
      producer.close();
    }
    String group = "m1_m1.orders";
    assertTrue(count("karafka.messages.received", "group", group, "topic", "m1.orders",
        "partition", "0") >= 5, "four messages and the failed one read again");
    assertEquals(3, count("karafka.messages.performed", "topic", "m1.orders", "partition", "0",
        "controller", "Work"));
    assertEquals(3, registry.get("karafka.messages.perform.duration").functionTimer()
        .count());
    assertEquals(2, count("karafka.messages.failed", "error",
        IllegalStateException.class.getName()), "both tries");
    assertEquals(1, count("karafka.messages.retried", "group", group));
    assertEquals(1, count("karafka.messages.dead.lettered", "group", group, "partition", "0"));
    assertTrue(count("karafka.rebalances", "group", group) >= 1);
    assertTrue(count("karafka.partitions.assigned", "group", group) >= 1);
    assertEquals(1, registry.get("karafka.dependency.up").tag("dependency", "kafka producer")
        .gauge().value());
    assertTrue(!kafkaClientMeters("kafka.consumer.") && !kafkaClientMeters("kafka.producer."),
        "closed clients leave the registry");
  }

  @Test
  void lagRisesWhileAControllerIsHeldAndFallsAfter() throws Exception {
    EmbeddedKafka kafka = broker.broker();
    kafka.createTopic("m2.lag", 1);
    CountDownLatch release = new CountDownLatch(1);
    // one record a poll: the held partition's queue fills (64 batches), it is paused, and the
    // rest waits in Kafka
    KarafkaApp app = app("m2", "m2.lag", k -> k.maxPollRecords(1),
        () -> new TestControllers.Blocking(release));
    KafkaProducerPool producer = new KafkaProducerPool(app);
    KafkaMessageSource source = new KafkaMessageSource(app);
    KarafkaServer server = KarafkaServer.builder(app).source(source).producer(producer).build();
    try (producer) {
      metrics.bind(server);
      server.start();
      Await.within(LIMIT, "partitions assigned", source::assigned);
      List<OutgoingMessage> messages = new ArrayList<>();
      for (int n = 0; n < 200; n++) {
        messages.add(order("m2.lag", "{\"n\":" + n + "}"));
      }
      producer.send(messages);
      Await.within(LIMIT, "the lag to rise while the controller is held", () -> lag() >= 100);
      assertEquals(1, registry.get("karafka.consumer.partitions").tag("group", "m2_m2.lag")
          .gauge().value());
      release.countDown();
      Await.within(LIMIT, "the lag to fall to 0 once it is released", () -> lag() == 0);
      server.close();
      Await.within(LIMIT, "no lag reported for a partition no longer held",
          () -> registry.find("karafka.consumer.lag").gauge() == null);
    } finally {
      release.countDown();
      server.close();
    }
  }

  private KarafkaApp app(String name, String topic, Consumer<KafkaSettings.Builder> kafka,
                         Supplier<Controller> controllers) {
    return KarafkaApp.builder()
        .setup(c -> c.name(name).inlineMode(true).monitor(Monitor.combine(metrics))
            .kafka(k -> {
              k.hosts(broker.broker().bootstrapServers()).retryBackoff(Duration.ofMillis(20))
                  .maxRetryBackoff(Duration.ofMillis(100))
                  .offsetCommitInterval(Duration.ofMillis(200));
              kafka.accept(k);
            }))
        .routes(r -> r.topic(topic).controller(controllers))
        .build();
  }

  private static OutgoingMessage order(String topic, String json) {
    return new OutgoingMessage(topic, json.getBytes(StandardCharsets.UTF_8),
        Partitioning.any(), List.of());
  }

  private double lag() {
    Gauge gauge = registry.find("karafka.consumer.lag").tags("group", "m2_m2.lag", "topic",
        "m2.lag", "partition", "0").gauge();
    return gauge == null ? -1 : gauge.value();
  }

  private double count(String name, String... tags) {
    return registry.find(name).tags(tags).counters().stream().mapToDouble(c -> c.count()).sum();
  }

  private boolean kafkaClientMeters(String prefix) {
    return registry.getMeters().stream().anyMatch(m -> m.getId().getName().startsWith(prefix));
  }
}
