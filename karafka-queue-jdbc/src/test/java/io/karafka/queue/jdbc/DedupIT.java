package io.karafka.queue.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.karafka.job.ConsumedJobs;
import io.karafka.job.Job;
import io.karafka.job.JobError;
import io.karafka.job.Lease;
import io.karafka.testkit.LocalPostgres;
import io.karafka.testkit.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A message consumed twice becomes one job: ids are unique while the table holds the job, and
 * each partition's watermark tells a message consumed again after its job completed.
 */
class DedupIT {
  private static final List<String> QUEUES = List.of("default");
  private final LocalPostgres pg = SharedPostgres.get();
  private final MutableClock clock = MutableClock.now();

  @Test
  void twoProcessesEnqueueingTheSameIdsAtOnceMakeOneJobEach() throws Exception {
    String prefix = TestPrefixes.next();
    try (JdbcJobStore one = new JdbcJobStore(Db.settings(pg, prefix).build(), clock);
         JdbcJobStore two = new JdbcJobStore(Db.settings(pg, prefix).build(), clock)) {
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
  void anIdIsKnownWhileRetryingOrDeadButNotAfterCompletion() throws Exception {
    String prefix = TestPrefixes.next();
    try (JdbcJobStore store = new JdbcJobStore(Db.settings(pg, prefix).build(), clock)) {
      store.enqueue(List.of(Jobs.job(clock, "done"), Jobs.job(clock, "retrying"),
          Jobs.job(clock, "dead")));
      List<Lease> leases = store.fetch(QUEUES, 3, Duration.ZERO);
      JobError error = JobError.of(new IllegalStateException("boom"), clock.instant(), null);
      store.complete(leases.get(0));
      store.retry(leases.get(1), leases.get(1).job().failed(error, true),
          clock.instant().plus(Duration.ofDays(2)));
      store.kill(leases.get(2), leases.get(2).job().failed(error, false));
      assertEquals(2, Db.number(pg, "SELECT count(*) FROM " + prefix + "jobs"),
          "the completed job's row is gone");

      store.enqueue(List.of(Jobs.job(clock, "done"), Jobs.job(clock, "retrying"),
          Jobs.job(clock, "dead")));
      assertEquals(1, store.stats().retries());
      assertEquals(1, store.stats().dead());
      List<Lease> again = store.fetch(QUEUES, 5, Duration.ZERO);
      assertEquals(List.of("done"), again.stream().map(l -> l.job().id()).toList(),
          "a completed job's id is not remembered: ids alone make a new job");
      assertEquals(0, again.getFirst().job().retryCount());
    }
  }

  @Test
  void twoConsumersEnqueueingTheSamePartitionAtOnceMakeOneJobPerOffset() throws Exception {
    String prefix = TestPrefixes.next();
    try (JdbcJobStore one = new JdbcJobStore(Db.settings(pg, prefix).build(), clock);
         JdbcJobStore two = new JdbcJobStore(Db.settings(pg, prefix).build(), clock)) {
      // as after a rebalance: both consumers enqueue offsets 0-599 of one partition, in batches
      // of their own; the partition's row lock makes each batch see the other's watermark
      CompletableFuture<Long> a = CompletableFuture.supplyAsync(() -> consume(one, 50));
      CompletableFuture<Long> b = CompletableFuture.supplyAsync(() -> consume(two, 40));
      assertEquals(600, a.get() + b.get(), "every offset skipped by exactly one of them");
      one.completeAll(one.fetch(QUEUES, 1000, Duration.ZERO));
      assertEquals(600, one.stats().processed());
      assertEquals(0, Db.number(pg, "SELECT count(*) FROM " + prefix + "jobs"));
    }
  }

  @Test
  void twoThousandConsumedJobsOnFourPartitionsLeaveFourWatermarksAndNoRows() throws Exception {
    String prefix = TestPrefixes.next();
    try (JdbcJobStore store = new JdbcJobStore(Db.settings(pg, prefix).build(), clock)) {
      for (int round = 0; round < 20; round++) {
        for (int partition = 0; partition < 4; partition++) {
          List<Job> jobs = new ArrayList<>();
          List<Long> offsets = new ArrayList<>();
          for (long offset = round * 25L; offset < round * 25L + 25; offset++) {
            jobs.add(Jobs.job(clock, "events-" + partition + "-" + offset));
            offsets.add(offset);
          }
          assertEquals(List.of(), store.enqueue(new ConsumedJobs("group", "events", partition,
              "topic-x", jobs, offsets)));
        }
        List<Lease> leases = store.fetch(QUEUES, 100, Duration.ZERO);
        while (!leases.isEmpty()) {
          leases = store.completeAllAndFetch(leases, QUEUES, 100);
        }
      }
      assertEquals(2_000, store.stats().processed());
      assertEquals(0, Db.number(pg, "SELECT count(*) FROM " + prefix + "jobs"),
          "no 'done' rows: nothing per message outlives its job");
      assertEquals(4, Db.number(pg, "SELECT count(*) FROM " + prefix + "offsets"));
      assertEquals(4, Db.number(pg, "SELECT count(*) FROM " + prefix + "offsets WHERE"
          + " consumer_group = 'group' AND topic = 'events' AND topic_id = 'topic-x'"
          + " AND last_offset = 499"));
    }
  }

  /** Enqueues offsets 0-599 of partition 0 in batches. @return how many it was told to skip */
  private static long consume(JdbcJobStore store, int size) {
    long skipped = 0;
    for (int from = 0; from < 600; from += size) {
      List<Job> jobs = new ArrayList<>();
      List<Long> offsets = new ArrayList<>();
      for (long offset = from; offset < Math.min(600, from + size); offset++) {
        jobs.add(Jobs.job(Clock.systemUTC(), "offset-" + offset));
        offsets.add(offset);
      }
      skipped += store.enqueue(new ConsumedJobs("group", "topic", 0, "topic-x", jobs, offsets))
          .size();
    }
    return skipped;
  }

  private static void inBatches(JdbcJobStore store, List<Job> jobs, int size) {
    for (int from = 0; from < jobs.size(); from += size) {
      store.enqueue(jobs.subList(from, Math.min(jobs.size(), from + size)));
    }
  }
}
