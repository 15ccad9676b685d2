package io.karafka.queue.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.karafka.job.JobError;
import io.karafka.job.Lease;
import io.karafka.testkit.LocalPostgres;
import io.karafka.testkit.MutableClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Finished and dead jobs do not pile up: a completed job's row goes at once (or after
 * {@code retention}); housekeeping removes kept and capped ones in bounded batches.
 */
class RetentionIT {
  private static final List<String> QUEUES = List.of("default");
  private final LocalPostgres pg = SharedPostgres.get();
  private final MutableClock clock = MutableClock.now();

  @Test
  void aCompletedJobLeavesNoRow() throws Exception {
    String prefix = TestPrefixes.next();
    try (JdbcJobStore store = new JdbcJobStore(Db.settings(pg, prefix).build(), clock)) {
      store.enqueue(Jobs.many(clock, "job-", 3));
      store.completeAll(store.fetch(QUEUES, 2, Duration.ZERO));
      assertEquals(1, rows(prefix, "true"));
      store.completeAllAndFetch(store.fetch(QUEUES, 1, Duration.ZERO), QUEUES, 1);
      assertEquals(0, rows(prefix, "true"));
      assertEquals(3, store.stats().processed());
    }
  }

  @Test
  void withRetentionCompletedJobsAreKeptWithTheirPayloadForThatLong() throws Exception {
    String prefix = TestPrefixes.next();
    try (JdbcJobStore store = new JdbcJobStore(Db.settings(pg, prefix)
        .retention(Duration.ofHours(2)).build(), clock)) {
      store.enqueue(Jobs.many(clock, "job-", 2));
      store.completeAll(store.fetch(QUEUES, 2, Duration.ZERO));
      clock.advance(Duration.ofMinutes(119));
      store.housekeep();
      assertEquals(2, rows(prefix, "state = 'done' AND payload IS NOT NULL"));
      clock.advance(Duration.ofMinutes(2));
      store.housekeep();
      assertEquals(0, rows(prefix, "true"));
    }
  }

  @Test
  void aCompletedJobKeptForRetentionDoesNotHoldItsId() throws Exception {
    String prefix = TestPrefixes.next();
    try (JdbcJobStore store = new JdbcJobStore(Db.settings(pg, prefix)
        .retention(Duration.ofDays(7)).build(), clock)) {
      store.enqueue(Jobs.many(clock, "job-", 2));
      store.completeAll(store.fetch(QUEUES, 2, Duration.ZERO));
      store.enqueue(Jobs.many(clock, "job-", 2));
      assertEquals(2, store.stats().totalQueued(), "history is no tombstone");
      assertEquals(0, rows(prefix, "state = 'done'"));
    }
  }

  @Test
  void housekeepingDeletesInBoundedBatchesAndRunsByItselfDuringFetch() throws Exception {
    String prefix = TestPrefixes.next();
    int jobs = 6500;
    try (JdbcJobStore store = new JdbcJobStore(Db.settings(pg, prefix).poolSize(2)
        .retention(Duration.ofMinutes(10)).housekeepingInterval(Duration.ofMinutes(1))
        .build(), clock)) {
      for (int from = 0; from < jobs; from += 1000) {
        store.enqueue(Jobs.many(clock, "job-" + from + "-", Math.min(1000, jobs - from)));
      }
      List<Lease> leases = store.fetch(QUEUES, 1000, Duration.ZERO);
      while (!leases.isEmpty()) {
        leases = store.completeAllAndFetch(leases, QUEUES, 1000);
      }
      assertEquals(jobs, rows(prefix, "state = 'done'"));
      clock.advance(Duration.ofMinutes(11));
      store.fetch(QUEUES, 1, Duration.ZERO);
      int perRun = Housekeeper.PURGE_BATCHES * JobSql.BATCH;
      assertEquals(jobs - perRun, rows(prefix, "true"), "one run deletes at most 5,000 rows");
      store.fetch(QUEUES, 1, Duration.ZERO);
      assertEquals(jobs - perRun, rows(prefix, "true"), "at most once per interval");
      clock.advance(Duration.ofMinutes(1));
      store.fetch(QUEUES, 1, Duration.ZERO);
      assertEquals(0, rows(prefix, "true"));
    }
  }

  @Test
  void theDeadSetIsCappedByCountAndAgeAndDroppedJobsLeaveNoRow() throws Exception {
    String prefix = TestPrefixes.next();
    try (JdbcJobStore store = new JdbcJobStore(Db.settings(pg, prefix).jobs(io.karafka.app.KarafkaConfig
        .builder().name("retention").jobs(j -> j.deadMaxJobs(3).deadTimeout(Duration.ofDays(1)))
        .build().jobs()).build(), clock)) {
      store.enqueue(Jobs.many(clock, "job-", 5));
      for (Lease lease : store.fetch(QUEUES, 5, Duration.ZERO)) {
        store.kill(lease, lease.job().failed(JobError.of(new IllegalStateException("x"),
            clock.instant(), null), false));
        clock.advance(Duration.ofSeconds(1));
      }
      assertEquals(5, store.stats().dead());
      store.housekeep();
      assertEquals(3, store.stats().dead());
      assertEquals(List.of("job-2", "job-3", "job-4"), ids(prefix, "true"));
      clock.advance(Duration.ofDays(1));
      store.housekeep();
      assertEquals(0, store.stats().dead());
      assertEquals(0, rows(prefix, "true"));
      assertEquals(5, store.stats().failed());
    }
  }

  private long rows(String prefix, String where) throws Exception {
    return Db.number(pg, "SELECT count(*) FROM " + prefix + "jobs WHERE " + where);
  }

  private List<String> ids(String prefix, String where) throws Exception {
    List<String> ids = new java.util.ArrayList<>();
    try (var c = Db.connect(pg); var s = c.createStatement();
         var rs = s.executeQuery("SELECT id FROM " + prefix + "jobs WHERE " + where
             + " ORDER BY id")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }
}
