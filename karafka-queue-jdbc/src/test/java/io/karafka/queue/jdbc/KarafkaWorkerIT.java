package io.karafka.queue.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.karafka.app.KarafkaApp;
import io.karafka.monitor.Event;
import io.karafka.server.KarafkaServer;
import io.karafka.testkit.InMemoryMessageSource;
import io.karafka.testkit.InMemoryProducer;
import io.karafka.testkit.LocalPostgres;
import io.karafka.testkit.MutableClock;
import io.karafka.testkit.RecordingMonitor;
import io.karafka.testkit.TestMessage;
import io.karafka.worker.KarafkaWorker;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/** Messages through the real server, the PostgreSQL store and the real worker runtime. */
class KarafkaWorkerIT {
  private final LocalPostgres pg = SharedPostgres.get();
  private final MutableClock clock = MutableClock.now();
  private final RecordingMonitor monitor = new RecordingMonitor();
  /** What the app's controllers saw. */
  private final Queue<String> log = new ConcurrentLinkedQueue<>();
  private final KarafkaApp app = TestApp.build(clock, monitor, log);
  private final InMemoryProducer producer = new InMemoryProducer();
  private final InMemoryMessageSource source = new InMemoryMessageSource(clock);

  @Test
  void aFailingJobIsRetriedThenDeadWithAfterFailureEachTime() throws Exception {
    String prefix = TestPrefixes.next();
    try (JdbcJobStore store = new JdbcJobStore(Db.settings(pg, prefix).build(), clock);
         WatchedJobStore watched = new WatchedJobStore(store, clock);
         KarafkaServer server = KarafkaServer.builder(app).source(source).producer(producer)
             .jobQueue(store).build();
         KarafkaWorker worker = KarafkaWorker.builder(app, watched, producer)
             .settings(TestApp.jobs(app, 2)).build()) {
      server.start();
      source.deliver("jobs", List.of(TestMessage.json("{\"action\":\"fail\"}")));
      assertEquals(1, store.stats().totalQueued());
      worker.start();
      for (int run = 1; run <= 2; run++) {
        int failures = run;
        Jobs.await("failure " + run, () -> log.size() == 2 * failures
            && store.stats().retries() == 1);
        Instant moved = clock.advance(Duration.ofSeconds(9));
        Jobs.await("the worker to look for jobs 9 s on", () -> watched.foundNothingSince(moved));
        assertEquals(1, store.stats().retries(), "not due before the 10 s back-off");
        assertEquals(0, store.stats().running());
        assertEquals(2 * failures, log.size(), "not performed before the back-off");
        clock.advance(Duration.ofSeconds(2));
      }
      Jobs.await("dead", () -> store.stats().dead() == 1);
      assertEquals(List.of("perform fail", "afterFailure boom at offset 0", "perform fail",
          "afterFailure boom at offset 0", "perform fail", "afterFailure boom at offset 0"),
          List.copyOf(log));
      assertEquals(0, store.stats().retries());
      assertEquals(0, store.stats().running());
      assertEquals(3, store.stats().failed());
      assertEquals(2, monitor.events(Event.JobRetried.class).size());
      Event.JobDead dead = monitor.events(Event.JobDead.class).getFirst();
      assertEquals(2, dead.job().retryCount());
      try (Connection c = Db.connect(pg); Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT retry_count, error_class, error_message FROM "
               + prefix + "jobs WHERE state = 'dead'")) {
        rs.next();
        assertEquals(2, rs.getInt(1));
        assertEquals("java.lang.IllegalStateException", rs.getString(2));
        assertEquals("boom at offset 0", rs.getString(3));
      }
    }
  }

  @Test
  void aSucceedingJobIsPerformedOnceAndCounted() throws Exception {
    String prefix = TestPrefixes.next();
    try (JdbcJobStore store = new JdbcJobStore(Db.settings(pg, prefix).build(), clock);
         KarafkaServer server = KarafkaServer.builder(app).source(source).producer(producer)
             .jobQueue(store).build();
         KarafkaWorker worker = KarafkaWorker.builder(app, store, producer)
             .settings(TestApp.jobs(app, 2)).build()) {
      server.start();
      worker.start();
      for (int i = 0; i < 5; i++) {
        source.deliver("jobs", List.of(TestMessage.json("{\"action\":\"ok\"}")));
      }
      Jobs.await("5 jobs", () -> store.stats().processed() == 5);
      assertEquals(5, log.size());
      assertEquals(5, monitor.events(Event.JobPerformed.class).size());
      assertEquals(0, store.stats().totalQueued());
    }
  }
}
