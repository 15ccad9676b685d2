package io.karafka.queue.jdbc;

import io.karafka.job.JobStore;
import io.karafka.testkit.JobStoreContract;
import io.karafka.testkit.MutableClock;
import java.time.Duration;

/** The job store contract of the test kit, against a real PostgreSQL server. */
class JdbcJobStoreIT extends JobStoreContract {
  private String prefix;

  @Override
  protected JobStore createStore(MutableClock clock) {
    prefix = TestPrefixes.next();
    return new JdbcJobStore(Db.settings(SharedPostgres.get(), prefix).build(), clock);
  }

  /** The holder's store closes (its renewals stop); another one sees the leases expire. */
  @Override
  protected JobStore expireLeases(JobStore store, MutableClock clock) {
    store.close();
    clock.advance(Duration.ofSeconds(26));
    return new JdbcJobStore(Db.settings(SharedPostgres.get(), prefix).build(), clock);
  }

  /** Parked in the wait for NOTIFY or the poll interval, not for a pooled connection. */
  @Override
  protected boolean fetchIsWaiting(Thread fetching) {
    return WaitingFetch.parked(fetching);
  }
}
