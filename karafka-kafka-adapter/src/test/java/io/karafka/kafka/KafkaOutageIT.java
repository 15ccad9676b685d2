package io.karafka.kafka;

import static io.karafka.kafka.KafkaTestSupport.produce;
import static io.karafka.kafka.KafkaTestSupport.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.app.KarafkaApp;
import io.karafka.monitor.Event;
import io.karafka.monitor.LoggingMonitor;
import io.karafka.monitor.Monitor;
import io.karafka.server.KarafkaServer;
import io.karafka.testkit.Await;
import io.karafka.testkit.LogLines;
import io.karafka.testkit.RecordingMonitor;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A broker that goes away after the group formed: each outage is one down event (and WARN
 * line), each return one recovered event (and INFO line), the second as the first.
 */
class KafkaOutageIT extends OnEmbeddedBroker {
  private static final Duration SESSION = Duration.ofSeconds(6);
  /** The promise: an outage is told within the session timeout plus 10 s (plus machine noise). */
  private static final Duration DETECTION = SESSION.plusSeconds(10).plusSeconds(10);

  @Test
  void twoBrokerOutagesAfterTheGroupFormedAreEachToldOnceDownAndOnceBack() throws Exception {
    String topic = "outage.orders";
    String group = "outage_" + topic;
    kafka.createTopic(topic, 1);
    RecordingMonitor events = new RecordingMonitor();
    LogLines log = new LogLines();
    KarafkaApp app = KarafkaApp.builder()
        .setup(c -> c.name("outage").inlineMode(true)
            .monitor(Monitor.combine(events, new LoggingMonitor(log)))
            .kafka(k -> k.hosts(kafka.bootstrapServers()).sessionTimeout(SESSION)
                .heartbeatInterval(Duration.ofSeconds(1))
                .offsetCommitInterval(Duration.ofMillis(100))))
        .routes(r -> r.topic(topic).controller(() -> new Handled.OrdersController(handled, group)))
        .build();
    KafkaMessageSource source = new KafkaMessageSource(app);
    KarafkaServer server = KarafkaServer.builder(app).source(source)
        .producer(new io.karafka.testkit.InMemoryProducer()).build();
    try {
      server.start();
      Await.within(Duration.ofSeconds(60), "assignment", source::assigned);
      produce(kafka, List.of(record(topic, 0, null, "{\"n\":0}")));
      Await.within(Duration.ofSeconds(60), "the first message", () -> handled.size() == 1);

      for (int outage = 1; outage <= 2; outage++) {
        kafka.stopBroker();
        int expected = outage;
        Await.within(DETECTION, "outage " + outage + " told", () -> down(events, group) == expected);
        kafka.startBroker();
        Await.within(Duration.ofSeconds(60), "recovery " + outage + " told",
            () -> recovered(events, group) == expected);
        assertEquals(expected, down(events, group), "one down event per outage");
      }
      produce(kafka, List.of(record(topic, 0, null, "{\"n\":1}")));
      Await.within(Duration.ofSeconds(60), "a message after the outages",
          () -> handled.size() == 2);

      Event.DependencyDown first = events.events(Event.DependencyDown.class).stream()
          .filter(e -> e.dependency().equals("kafka group " + group)).findFirst().orElseThrow();
      assertEquals(kafka.bootstrapServers(), first.address());
      assertTrue(first.reason().startsWith("no answer from Kafka at " + kafka.bootstrapServers()
          + " for "), first.reason());
      Event.DependencyRecovered back = events.events(Event.DependencyRecovered.class).stream()
          .filter(e -> e.dependency().equals("kafka group " + group)).findFirst().orElseThrow();
      assertTrue(back.downFor().compareTo(SESSION) >= 0, "the outage counts from the last"
          + " answer, not from when it was noticed: " + back.downFor());
      assertTrue(log.lines().stream().noneMatch(l -> l.contains("offset commit of group")),
          "failed commits during the outage are part of it, not lines of their own: "
          + log.lines());
      assertEquals("its messages wait in Kafka (nothing consumed, no offset committed)",
          first.consequence());
      List<String> told = log.lines().stream().filter(l -> l.contains("kafka group " + group))
          .toList();
      assertEquals(2, told.stream().filter(l -> l.startsWith("WARNING kafka group " + group
          + " at " + kafka.bootstrapServers() + " unavailable: no answer from Kafka")).count(),
          String.join("\n", told));
      assertEquals(2, told.stream().filter(l -> l.startsWith("INFO kafka group " + group
          + " at " + kafka.bootstrapServers() + " recovered after ")).count(),
          String.join("\n", told));
    } finally {
      server.close();
    }
  }

  private static long down(RecordingMonitor events, String group) {
    return events.events(Event.DependencyDown.class).stream()
        .filter(e -> e.dependency().equals("kafka group " + group)).count();
  }

  private static long recovered(RecordingMonitor events, String group) {
    return events.events(Event.DependencyRecovered.class).stream()
        .filter(e -> e.dependency().equals("kafka group " + group)).count();
  }

  @Test
  void aProducerOutageIsToldOnceAndItsRecoveryOnce() throws Exception {
    String topic = "outage.responses";
    kafka.createTopic(topic, 1);
    RecordingMonitor events = new RecordingMonitor();
    KarafkaApp app = KarafkaApp.builder()
        .setup(c -> c.name("producing").inlineMode(true).monitor(events)
            .kafka(k -> k.hosts(kafka.bootstrapServers())
                .property("request.timeout.ms", "1000").property("delivery.timeout.ms", "2000")
                .property("max.block.ms", "2000")))
        .routes(r -> r.topic(topic).controller(() -> new Handled.OrdersController(handled,
            "producing_" + topic)))
        .build();
    io.karafka.producer.OutgoingMessage response = new io.karafka.producer.OutgoingMessage(
        topic, "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
        io.karafka.producer.Partitioning.any(), List.of());
    try (KafkaProducerPool producer = new KafkaProducerPool(app)) {
      producer.send(List.of(response));
      kafka.stopBroker();
      try {
        for (int attempt = 0; attempt < 2; attempt++) {
          org.junit.jupiter.api.Assertions.assertThrows(
              io.karafka.producer.ProducerException.class, () -> producer.send(List.of(response)));
        }
      } finally {
        kafka.startBroker();
      }
      Await.within(Duration.ofSeconds(60), "a send after the restart", () -> {
        try {
          producer.send(List.of(response));
          return true;
        } catch (io.karafka.producer.ProducerException stillDown) {
          return false;
        }
      });
    }
    List<Event.DependencyDown> down = events.events(Event.DependencyDown.class);
    assertEquals(List.of("kafka producer"), down.stream().map(Event.DependencyDown::dependency)
        .toList(), "told once, though two sends failed");
    assertEquals("responses are not sent; their messages and jobs are retried",
        down.getFirst().consequence());
    assertEquals(1, events.events(Event.DependencyRecovered.class).stream()
        .filter(e -> e.dependency().equals("kafka producer")).count());
  }
}
