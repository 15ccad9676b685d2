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
import io.karafka.testkit.RecordingMonitor;
import java.lang.System.Logger.Level;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * A broker that goes away after the group formed: each outage is one down event (and WARN
 * line), each return one recovered event (and INFO line), the second as the first.
 */
class KafkaOutageIT extends OnEmbeddedBroker {
  private static final Duration SESSION = Duration.ofSeconds(6);
  /** The promise: an outage is told within the session timeout plus 10 s (plus machine noise). */
  private static final Duration DETECTION = SESSION.plusSeconds(10).plusSeconds(10);

  /** Keeps the lines a LoggingMonitor writes. */
  static final class Lines implements System.Logger {
    final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public String getName() {
      return "lines";
    }

    @Override
    public boolean isLoggable(Level level) {
      return level.getSeverity() >= Level.INFO.getSeverity();
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
      if (isLoggable(level)) {
        lines.add(level + " " + msg);
      }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
      if (isLoggable(level)) {
        lines.add(level + " " + MessageFormat.format(format, params));
      }
    }
  }

  private static void within(Duration limit, String what, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + limit + ": " + what);
      }
      Thread.sleep(20);
    }
  }

  @Test
  void twoBrokerOutagesAfterTheGroupFormedAreEachToldOnceDownAndOnceBack() throws Exception {
    String topic = "outage.orders";
    String group = "outage_" + topic;
    kafka.createTopic(topic, 1);
    RecordingMonitor events = new RecordingMonitor();
    Lines log = new Lines();
    KarafkaApp app = KarafkaApp.builder()
        .setup(c -> c.name("outage").inlineMode(true)
            .monitor(Monitor.combine(events, new LoggingMonitor(log)))
            .kafka(k -> k.hosts(kafka.bootstrapServers()).sessionTimeout(SESSION)
                .heartbeatInterval(Duration.ofSeconds(1))
                .offsetCommitInterval(Duration.ofMillis(100))))
        .routes(r -> r.topic(topic).controller(Handled.OrdersController.class))
        .build();
    KafkaMessageSource source = new KafkaMessageSource(app);
    KarafkaServer server = KarafkaServer.builder(app).source(source)
        .producer(new io.karafka.testkit.InMemoryProducer()).build();
    try {
      server.start();
      within(Duration.ofSeconds(60), "assignment", source::assigned);
      produce(kafka, List.of(record(topic, 0, null, "{\"n\":0}")));
      within(Duration.ofSeconds(60), "the first message", () -> Handled.LOG.size() == 1);

      for (int outage = 1; outage <= 2; outage++) {
        kafka.stopBroker();
        int expected = outage;
        within(DETECTION, "outage " + outage + " told", () -> down(events, group) == expected);
        kafka.startBroker();
        within(Duration.ofSeconds(60), "recovery " + outage + " told",
            () -> recovered(events, group) == expected);
        assertEquals(expected, down(events, group), "one down event per outage");
      }
      produce(kafka, List.of(record(topic, 0, null, "{\"n\":1}")));
      within(Duration.ofSeconds(60), "a message after the outages", () -> Handled.LOG.size()
          == 2);

      Event.DependencyDown first = events.events(Event.DependencyDown.class).stream()
          .filter(e -> e.dependency().equals("kafka group " + group)).findFirst().orElseThrow();
      assertEquals(kafka.bootstrapServers(), first.address());
      assertTrue(first.reason().startsWith("no answer from Kafka at " + kafka.bootstrapServers()
          + " for "), first.reason());
      assertEquals("its messages wait in Kafka (nothing consumed, no offset committed)",
          first.consequence());
      List<String> told = log.lines.stream().filter(l -> l.contains("kafka group " + group))
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
}
