package io.karafka.queue.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.app.KarafkaApp;
import io.karafka.consumer.Batch;
import io.karafka.consumer.BatchResult;
import io.karafka.controller.Controller;
import io.karafka.json.JsonInterchanger;
import io.karafka.json.JsonParser;
import io.karafka.message.Message;
import io.karafka.monitor.Dependency;
import io.karafka.monitor.Event;
import io.karafka.monitor.LoggingMonitor;
import io.karafka.monitor.Monitor;
import io.karafka.server.KarafkaServer;
import io.karafka.testkit.Await;
import io.karafka.testkit.InMemoryMessageSource;
import io.karafka.testkit.InMemoryProducer;
import io.karafka.testkit.LogLines;
import io.karafka.testkit.RecordingMonitor;
import io.karafka.testkit.TestMessage;
import io.karafka.worker.KarafkaWorker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL restarted twice in one process while jobs perform: each outage is told once down
 * and once back, by the server and by the worker; no performed job runs again; no job is left
 * leased within 10 s of the restart.
 */
class JdbcOutageIT {
  static final List<String> PERFORMED = new CopyOnWriteArrayList<>();
  static volatile CountDownLatch hold = new CountDownLatch(0);

  /** Performs {"n":…}, waiting for {@link #hold} first. */
  public static class HeldController extends Controller {
    @Override
    protected void perform() throws Exception {
      assertTrue(hold.await(60, TimeUnit.SECONDS));
      PERFORMED.add("performed " + params().getLong("n"));
    }
  }

  @Test
  void twoRestartsWhileJobsPerformAreToldOnceEachAndRunNoJobTwice() throws Exception {
    RecordingMonitor events = new RecordingMonitor();
    LogLines log = new LogLines();
    KarafkaApp app = KarafkaApp.builder()
        .setup(c -> c.name("outage").monitor(Monitor.combine(events, new LoggingMonitor(log)))
            .parser(new JsonParser()).interchanger(new JsonInterchanger())
            .jobs(j -> j.retry(0).pollInterval(Duration.ofMillis(50)).concurrency(2)))
        .routes(r -> r.topic("work").controller(HeldController.class))
        .build();
    LocalPostgres pg = LocalPostgres.start(false);
    String prefix = TestPrefixes.next();
    try (JdbcJobStore store = new JdbcJobStore(pg.settings(prefix).build(), Clock.systemUTC(),
             app.dependencies());
         KarafkaWorker worker = KarafkaWorker.builder(app, store, new InMemoryProducer())
             .build()) {
      KarafkaServer server = KarafkaServer.builder(app).source(new InMemoryMessageSource(
          Clock.systemUTC())).producer(new InMemoryProducer()).jobQueue(store).build();
      worker.start();
      List<String> expected = new ArrayList<>();
      for (int outage = 1; outage <= 2; outage++) {
        hold = new CountDownLatch(1);
        long first = outage * 10L;
        for (long n = first; n < first + 4; n++) {
          assertEquals(new BatchResult.Handled(n + 1), consume(server, n));
          expected.add("performed " + n);
        }
        Await.within(Duration.ofSeconds(30), "two jobs running", () -> worker.running() == 2);

        pg.stopServer();
        hold.countDown(); // the two running jobs perform while PostgreSQL is down
        int told = outage;
        Await.within(Duration.ofSeconds(30), "the worker's outage told", () -> down(events,
            "job store (worker)") == told);
        assertInstanceOf(BatchResult.Failed.class, consume(server, first + 4));
        assertEquals(told, down(events, "job store"), "the server's outage told once");
        Dependency workerSide = app.dependencies().all().stream()
            .filter(d -> d.name().equals("job store (worker)")).findFirst().orElseThrow();
        Await.within(Duration.ofSeconds(30), "several failed attempts",
            () -> workerSide.failedAttempts() >= 3);

        pg.startServer();
        Await.within(Duration.ofSeconds(10), "every job performed and none left leased",
            () -> PERFORMED.containsAll(expected) && running(store) == 0);
        assertEquals(new BatchResult.Handled(first + 5), consume(server, first + 4));
        expected.add("performed " + (first + 4));
        Await.within(Duration.ofSeconds(10), "both recoveries told", () -> recovered(events,
            "job store (worker)") == told && recovered(events, "job store") == told);
      }
      Await.within(Duration.ofSeconds(10), "the last job", () -> PERFORMED.containsAll(expected));
      assertEquals(expected.stream().sorted().toList(), PERFORMED.stream().sorted().toList(),
          "every job performed exactly once");
      Await.within(Duration.ofSeconds(10), "LISTEN back", () -> recovered(events,
          "PostgreSQL LISTEN " + prefix + "jobs") == 2);
      assertEquals(2, down(events, "PostgreSQL LISTEN " + prefix + "jobs"));
      for (String dependency : List.of("job store", "job store (worker)",
          "PostgreSQL LISTEN " + prefix + "jobs")) {
        String at = dependency + " at " + pg.jdbcUrl();
        assertEquals(2, log.count("WARNING " + at + " unavailable: "), log.lines().toString());
        assertEquals(2, log.count("INFO " + at + " recovered after "), log.lines().toString());
      }
    } finally {
      pg.close();
    }
  }

  private static long running(JdbcJobStore store) {
    try {
      return store.stats().running();
    } catch (RuntimeException stillDown) {
      return -1;
    }
  }

  private static BatchResult consume(KarafkaServer server, long offset) {
    Message message = TestMessage.json("{\"n\":" + offset + "}").toMessage("work", offset,
        Instant.now());
    return server.handler().handle(new Batch("outage_work", "work", 0, List.of(message)));
  }

  private static long down(RecordingMonitor events, String dependency) {
    return events.events(Event.DependencyDown.class).stream()
        .filter(e -> e.dependency().equals(dependency)).count();
  }

  private static long recovered(RecordingMonitor events, String dependency) {
    return events.events(Event.DependencyRecovered.class).stream()
        .filter(e -> e.dependency().equals(dependency)).count();
  }
}
