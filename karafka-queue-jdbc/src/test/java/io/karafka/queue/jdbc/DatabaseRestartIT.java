package io.karafka.queue.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.job.JobStoreUnavailableException;
import io.karafka.job.Lease;
import io.karafka.testkit.Await;
import io.karafka.testkit.LocalPostgres;
import io.karafka.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** PostgreSQL stops and starts again under running stores (a private server: it is stopped). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // one private server for the class's tests
class DatabaseRestartIT {
  private static final List<String> QUEUES = List.of("default");
  private LocalPostgres pg;
  private MutableClock clock;

  @BeforeAll
  void startServer() {
    pg = LocalPostgres.start(false);
  }

  @BeforeEach
  void newClock() {
    clock = MutableClock.now();
  }

  @AfterAll
  void stopServer() {
    pg.close();
  }

  @Test
  void whileTheDatabaseIsDownEveryCallFailsNamingItAndAfterwardsNothingIsLost()
      throws Exception {
    String prefix = TestPrefixes.next();
    try (JdbcJobStore producer = new JdbcJobStore(Db.settings(pg, prefix).build(), clock);
         JdbcJobStore worker = new JdbcJobStore(Db.settings(pg, prefix)
             .pollInterval(Duration.ofSeconds(30)).build(), clock)) {
      producer.enqueue(Jobs.many(clock, "before-", 10));
      assertEquals(0, worker.fetch(List.of("none"), 1, Duration.ofMillis(10)).size());

      pg.stopServer();
      String prefixOfMessages = "PostgreSQL job store at " + pg.jdbcUrl() + ": ";
      JobStoreUnavailableException enqueue = assertThrows(JobStoreUnavailableException.class,
          () -> producer.enqueue(List.of(Jobs.job(clock, "during"))));
      assertTrue(enqueue.getMessage().startsWith(prefixOfMessages
          + "enqueueing 1 job(s) failed: "), enqueue.getMessage());
      JobStoreUnavailableException fetch = assertThrows(JobStoreUnavailableException.class,
          () -> worker.fetch(QUEUES, 5, Duration.ZERO));
      assertTrue(fetch.getMessage().startsWith(prefixOfMessages
          + "fetching jobs of [default] failed: "), fetch.getMessage());
      JobStoreUnavailableException stats = assertThrows(JobStoreUnavailableException.class,
          worker::stats);
      assertTrue(stats.getMessage().startsWith(prefixOfMessages + "reading stats failed: "),
          stats.getMessage());

      pg.startServer();
      retry(() -> producer.enqueue(List.of(Jobs.job(clock, "after"))));
      Set<String> ids = new HashSet<>();
      List<Lease> leases = new ArrayList<>();
      retry(() -> leases.addAll(fetchNow(worker)));
      leases.forEach(l -> ids.add(l.job().id()));
      worker.completeAll(leases);
      assertEquals(11, ids.size(), ids.toString());
      assertTrue(ids.contains("after"));

      // the LISTEN connection comes back too: a waiting fetch wakes long before its 30 s poll
      Await.within(Duration.ofSeconds(30), "the worker's store in LISTEN again",
          () -> WaitingFetch.listening(pg, prefix));
      WaitingFetch waiting = WaitingFetch.start(worker, QUEUES, 1, Duration.ofSeconds(20));
      Await.within(Duration.ofSeconds(20), "the fetch waits", waiting::parked);
      long enqueued = System.nanoTime();
      producer.enqueue(List.of(Jobs.job(clock, "wake")));
      assertEquals(List.of("wake"), waiting.get(Duration.ofSeconds(20)).stream()
          .map(l -> l.job().id()).toList());
      assertTrue(System.nanoTime() - enqueued < TimeUnit.SECONDS.toNanos(5),
          "woken by NOTIFY, not by its 30 s poll");
    }
  }

  @Test
  void afterItsOwnOutageAStoreWaitsALeaseTimeBeforeItGivesLeasesBack() throws Exception {
    String prefix = TestPrefixes.next();
    JdbcSettings settings = Db.settings(pg, prefix).leaseTime(Duration.ofSeconds(3)).build();
    try (JdbcJobStore other = new JdbcJobStore(settings, clock)) {
      try (JdbcJobStore owner = new JdbcJobStore(settings, clock)) {
        owner.enqueue(List.of(Jobs.job(clock, "held")));
        assertEquals(1, owner.fetch(QUEUES, 1, Duration.ZERO).size());
      } // the owner is gone: nothing renews its lease
      clock.advance(Duration.ofSeconds(2));
      pg.stopServer();
      assertThrows(JobStoreUnavailableException.class, other::stats);
      pg.startServer();
      retry(other::stats); // reconnected: failures on the way happen at the outage's time
      clock.advance(Duration.ofSeconds(2)); // the lease expired, but 2 s < 3 s since the outage
      assertEquals(0, other.housekeep(), "live owners get a lease time to renew");
      clock.advance(Duration.ofSeconds(2));
      assertEquals(1, other.housekeep());
    }
  }

  private static List<Lease> fetchNow(JdbcJobStore store) {
    try {
      return store.fetch(QUEUES, 100, Duration.ZERO);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void retry(Runnable action) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      try {
        action.run();
        return;
      } catch (JobStoreUnavailableException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }
}
