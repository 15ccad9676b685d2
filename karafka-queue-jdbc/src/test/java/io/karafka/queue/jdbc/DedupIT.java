package io.karafka.queue.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.karafka.job.Job;
import io.karafka.job.JobError;
import io.karafka.job.Lease;
import io.karafka.testkit.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A message consumed twice becomes one job: ids are unique across processes and time. */
class DedupIT {
  private static final List<String> QUEUES = List.of("default");
  private final LocalPostgres pg = LocalPostgres.shared();
  private final MutableClock clock = MutableClock.now();

  @Test
  void twoProcessesEnqueueingTheSameIdsAtOnceMakeOneJobEach() throws Exception {
    String prefix = TestPrefixes.next();
    try (JdbcJobStore one = new JdbcJobStore(pg.settings(prefix).build(), clock);
         JdbcJobStore two = new JdbcJobStore(pg.settings(prefix).build(), clock)) {
      // as after a rebalance: two consumers enqueue the same messages, in offset order, in
      // batches of their own
      List<Job> jobs = Jobs.many(clock, "same-", 600);
      CompletableFuture<Void> a = CompletableFuture.runAsync(() -> inBatches(one, jobs, 50));
      CompletableFuture<Void> b = CompletableFuture.runAsync(() -> inBatches(two, jobs, 40));
      a.get();
      b.get();
      assertEquals(600, one.stats().totalQueued());
      assertEquals(600, Db.number(pg, "SELECT count(*) FROM " + prefix + "jobs"));
    }
  }

  @Test
  void anIdIsKnownWhileRetryingDeadOrWithinTheWindowAfterCompletion() throws Exception {
    String prefix = TestPrefixes.next();
    try (JdbcJobStore store = new JdbcJobStore(pg.settings(prefix)
        .dedupWindow(Duration.ofHours(1)).build(), clock)) {
      store.enqueue(List.of(Jobs.job(clock, "done"), Jobs.job(clock, "retrying"),
          Jobs.job(clock, "dead")));
      List<Lease> leases = store.fetch(QUEUES, 3, Duration.ZERO);
      JobError error = JobError.of(new IllegalStateException("boom"), clock.instant(), null);
      store.complete(leases.get(0));
      store.retry(leases.get(1), leases.get(1).job().failed(error, true),
          clock.instant().plus(Duration.ofDays(2)));
      store.kill(leases.get(2), leases.get(2).job().failed(error, false));

      store.enqueue(List.of(Jobs.job(clock, "done"), Jobs.job(clock, "retrying"),
          Jobs.job(clock, "dead")));
      assertEquals(0, store.stats().totalQueued());
      assertEquals(1, store.stats().retries());
      assertEquals(1, store.stats().dead());

      clock.advance(Duration.ofMinutes(59));
      store.enqueue(List.of(Jobs.job(clock, "done")));
      assertEquals(0, store.stats().totalQueued(), "still within the window");
      clock.advance(Duration.ofMinutes(2));
      store.enqueue(List.of(Jobs.job(clock, "done"), Jobs.job(clock, "retrying"),
          Jobs.job(clock, "dead")));
      List<Lease> again = store.fetch(QUEUES, 5, Duration.ZERO);
      assertEquals(List.of("done"), again.stream().map(l -> l.job().id()).toList(),
          "the window passed: the message makes a new job");
      assertEquals(0, again.getFirst().job().retryCount());
    }
  }

  private static void inBatches(JdbcJobStore store, List<Job> jobs, int size) {
    for (int from = 0; from < jobs.size(); from += size) {
      store.enqueue(jobs.subList(from, Math.min(jobs.size(), from + size)));
    }
  }
}
