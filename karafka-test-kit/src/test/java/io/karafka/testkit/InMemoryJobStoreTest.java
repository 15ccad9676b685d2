package io.karafka.testkit;

import io.karafka.job.JobStore;
import java.time.Duration;

class InMemoryJobStoreTest extends JobStoreContract {
  @Override
  protected JobStore createStore(MutableClock clock) {
    return new InMemoryJobStore(clock);
  }

  @Override
  protected JobStore expireLeases(JobStore store, MutableClock clock) {
    clock.advance(Duration.ofMinutes(31)); // its leases expire by the clock alone
    return store;
  }
}
