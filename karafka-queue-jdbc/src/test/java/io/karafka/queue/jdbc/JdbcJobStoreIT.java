package io.karafka.queue.jdbc;

import io.karafka.job.JobStore;
import io.karafka.testkit.JobStoreContract;
import io.karafka.testkit.MutableClock;
import java.time.Duration;

/** The job store contract of the test kit, against a real PostgreSQL server. */
class JdbcJobStoreIT extends JobStoreContract {
  @Override
  protected JobStore createStore(MutableClock clock) {
    return new JdbcJobStore(LocalPostgres.shared().settings(TestPrefixes.next()).build(), clock);
  }

  @Override
  protected void expireLeases(JobStore store, MutableClock clock) {
    clock.advance(Duration.ofSeconds(26));
  }

  /** Parked in the wait for NOTIFY or the poll interval, not for a pooled connection. */
  @Override
  protected boolean fetchIsWaiting(Thread fetching) {
    return WaitingFetch.parked(fetching);
  }
}
