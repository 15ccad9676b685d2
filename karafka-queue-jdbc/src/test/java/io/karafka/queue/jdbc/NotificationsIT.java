package io.karafka.queue.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.job.Lease;
import io.karafka.testkit.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Waiting fetches: woken by NOTIFY from other processes, polling without it. */
class NotificationsIT {
  private static final List<String> QUEUES = List.of("default");
  private final LocalPostgres pg = LocalPostgres.shared();
  private final MutableClock clock = MutableClock.now();

  @Test
  void anEnqueueInAnotherProcessWakesAWaitingFetchAtOnce() throws Exception {
    String prefix = TestPrefixes.next();
    try (JdbcJobStore producer = new JdbcJobStore(pg.settings(prefix).build(), clock);
         JdbcJobStore worker = new JdbcJobStore(pg.settings(prefix)
             .pollInterval(Duration.ofSeconds(30)).build(), clock)) {
      CompletableFuture<List<Lease>> waiting = waitFor(worker, Duration.ofSeconds(20));
      Thread.sleep(200);
      long enqueued = System.nanoTime();
      producer.enqueue(List.of(Jobs.job(clock, "a")));
      assertEquals(1, waiting.get(20, TimeUnit.SECONDS).size());
      assertTrue(System.nanoTime() - enqueued < TimeUnit.SECONDS.toNanos(5));
    }
  }

  @Test
  void withoutListenAWaitingFetchPolls() throws Exception {
    String prefix = TestPrefixes.next();
    try (JdbcJobStore producer = new JdbcJobStore(pg.settings(prefix).build(), clock);
         JdbcJobStore worker = new JdbcJobStore(pg.settings(prefix).listen(false)
             .pollInterval(Duration.ofMillis(200)).build(), clock)) {
      CompletableFuture<List<Lease>> waiting = waitFor(worker, Duration.ofSeconds(20));
      Thread.sleep(100);
      producer.enqueue(List.of(Jobs.job(clock, "a")));
      assertEquals(1, waiting.get(20, TimeUnit.SECONDS).size());
      assertTrue(Thread.getAllStackTraces().keySet().stream()
          .noneMatch(t -> t.getName().equals("karafka-jdbc-listen-" + prefix + "jobs")));
    }
  }

  @Test
  void aScheduledJobIsFoundByPollingWhenItFallsDue() throws Exception {
    try (JdbcJobStore store = new JdbcJobStore(pg.settings(TestPrefixes.next()).build(),
        clock)) {
      store.enqueue(List.of(Jobs.job(clock, "later").scheduledAt(clock.instant()
          .plusSeconds(60))));
      CompletableFuture<List<Lease>> waiting = waitFor(store, Duration.ofSeconds(20));
      Thread.sleep(100);
      clock.advance(Duration.ofSeconds(61));
      assertEquals(1, waiting.get(20, TimeUnit.SECONDS).size());
    }
  }

  @Test
  void aWaitingFetchEndsEmptyAfterItsWaitAndIsInterruptible() throws Exception {
    String prefix = TestPrefixes.next();
    try (JdbcJobStore store = new JdbcJobStore(pg.settings(prefix).build(), clock)) {
      long start = System.nanoTime();
      assertEquals(0, store.fetch(QUEUES, 1, Duration.ofMillis(300)).size());
      assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(300));
      ExecutorService thread = Executors.newSingleThreadExecutor();
      try {
        Future<List<Lease>> waiting = thread.submit(() -> store.fetch(QUEUES, 1,
            Duration.ofSeconds(30)));
        Thread.sleep(100);
        thread.shutdownNow();
        ExecutionException e = assertThrows(ExecutionException.class,
            () -> waiting.get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof InterruptedException, e.toString());
      } finally {
        thread.shutdownNow();
      }
    }
    Thread.sleep(50);
    assertTrue(Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
        .noneMatch(t -> t.getName().equals("karafka-jdbc-listen-" + prefix + "jobs")),
        "close() stops the LISTEN thread");
  }

  private static CompletableFuture<List<Lease>> waitFor(JdbcJobStore store, Duration wait) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return store.fetch(QUEUES, 5, wait);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
  }
}
