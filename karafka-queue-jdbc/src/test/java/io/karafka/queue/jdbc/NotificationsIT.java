package io.karafka.queue.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.testkit.Await;
import io.karafka.testkit.LocalPostgres;
import io.karafka.testkit.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Waiting fetches: woken by NOTIFY from other processes, polling without it. */
class NotificationsIT {
  private static final List<String> QUEUES = List.of("default");
  private static final Duration LIMIT = Duration.ofSeconds(20);
  private final LocalPostgres pg = SharedPostgres.get();
  private final MutableClock clock = MutableClock.now();

  @Test
  void anEnqueueInAnotherProcessWakesAWaitingFetchAtOnce() throws Exception {
    String prefix = TestPrefixes.next();
    try (JdbcJobStore producer = new JdbcJobStore(Db.settings(pg, prefix).build(), clock);
         JdbcJobStore worker = new JdbcJobStore(Db.settings(pg, prefix)
             .pollInterval(Duration.ofSeconds(30)).build(), clock)) {
      WaitingFetch waiting = WaitingFetch.start(worker, QUEUES, 5, Duration.ofSeconds(20));
      Await.within(LIMIT, "the fetch waits, its store in LISTEN", () -> waiting.parked()
          && WaitingFetch.listening(pg, prefix));
      long enqueued = System.nanoTime();
      producer.enqueue(List.of(Jobs.job(clock, "a")));
      assertEquals(1, waiting.get(LIMIT).size());
      assertTrue(System.nanoTime() - enqueued < TimeUnit.SECONDS.toNanos(5),
          "woken by NOTIFY, not by its 30 s poll");
    }
  }

  @Test
  void withoutListenAWaitingFetchPolls() throws Exception {
    String prefix = TestPrefixes.next();
    try (JdbcJobStore producer = new JdbcJobStore(Db.settings(pg, prefix).build(), clock);
         JdbcJobStore worker = new JdbcJobStore(Db.settings(pg, prefix).listen(false)
             .pollInterval(Duration.ofMillis(200)).build(), clock)) {
      WaitingFetch waiting = WaitingFetch.start(worker, QUEUES, 5, Duration.ofSeconds(20));
      Await.within(LIMIT, "the fetch waits", waiting::parked);
      assertFalse(WaitingFetch.listening(pg, prefix), "no session in LISTEN");
      producer.enqueue(List.of(Jobs.job(clock, "a")));
      assertEquals(1, waiting.get(LIMIT).size());
      assertTrue(Thread.getAllStackTraces().keySet().stream()
          .noneMatch(t -> t.getName().equals("karafka-jdbc-listen-" + prefix + "jobs")));
    }
  }

  @Test
  void aScheduledJobIsFoundByPollingWhenItFallsDue() throws Exception {
    try (JdbcJobStore store = new JdbcJobStore(Db.settings(pg, TestPrefixes.next()).build(),
        clock)) {
      store.enqueue(List.of(Jobs.job(clock, "later").scheduledAt(clock.instant()
          .plusSeconds(60))));
      WaitingFetch waiting = WaitingFetch.start(store, QUEUES, 5, Duration.ofSeconds(20));
      Await.within(LIMIT, "the fetch found the job not due and waits", waiting::parked);
      clock.advance(Duration.ofSeconds(61));
      assertEquals(1, waiting.get(LIMIT).size());
    }
  }

  @Test
  void aWaitingFetchEndsEmptyAfterItsWaitAndIsInterruptible() throws Exception {
    String prefix = TestPrefixes.next();
    try (JdbcJobStore store = new JdbcJobStore(Db.settings(pg, prefix).build(), clock)) {
      long start = System.nanoTime();
      assertEquals(0, store.fetch(QUEUES, 1, Duration.ofMillis(300)).size());
      assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(300));
      WaitingFetch waiting = WaitingFetch.start(store, QUEUES, 1, Duration.ofSeconds(30));
      Await.within(LIMIT, "the fetch waits", waiting::parked);
      waiting.interrupt();
      ExecutionException e = assertThrows(ExecutionException.class, () -> waiting.get(LIMIT));
      assertTrue(e.getCause() instanceof InterruptedException, e.toString());
    }
    Await.within(LIMIT, "close() stops the LISTEN thread", () -> Thread.getAllStackTraces()
        .keySet().stream().filter(Thread::isAlive)
        .noneMatch(t -> t.getName().equals("karafka-jdbc-listen-" + prefix + "jobs")));
  }
}
