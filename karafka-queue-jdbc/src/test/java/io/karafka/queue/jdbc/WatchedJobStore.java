package io.karafka.queue.jdbc;

import io.karafka.job.ConsumedJobs;
import io.karafka.job.Job;
import io.karafka.job.JobStore;
import io.karafka.job.JobStoreStats;
import io.karafka.job.Lease;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Passes every call to a real store and remembers the latest clock time at which a fetch began
 * that then came back empty: a test that moved the clock waits until the worker has looked at the
 * store at the new time, and can then say what was not due, without sleeping.
 */
final class WatchedJobStore implements JobStore {
  private final JobStore store;
  private final Clock clock;
  private final AtomicReference<Instant> emptyFetchBegunAt = new AtomicReference<>(Instant.MIN);

  WatchedJobStore(JobStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** @return whether a fetch that began at {@code time} or later has returned nothing */
  boolean foundNothingSince(Instant time) {
    return !emptyFetchBegunAt.get().isBefore(time);
  }

  @Override
  public List<Lease> fetch(List<String> queues, int max, Duration wait)
      throws InterruptedException {
    Instant begun = clock.instant();
    List<Lease> leases = store.fetch(queues, max, wait);
    if (leases.isEmpty()) {
      emptyFetchBegunAt.accumulateAndGet(begun, (a, b) -> a.isAfter(b) ? a : b);
    }
    return leases;
  }

  @Override
  public List<Lease> completeAllAndFetch(List<Lease> done, List<String> queues, int max)
      throws InterruptedException {
    return store.completeAllAndFetch(done, queues, max);
  }

  @Override
  public void enqueue(List<Job> jobs) {
    store.enqueue(jobs);
  }

  @Override
  public List<Long> enqueue(ConsumedJobs consumed) {
    return store.enqueue(consumed);
  }

  @Override
  public String address() {
    return store.address();
  }

  @Override
  public void complete(Lease lease) {
    store.complete(lease);
  }

  @Override
  public void completeAll(List<Lease> leases) {
    store.completeAll(leases);
  }

  @Override
  public void retry(Lease lease, Job failed, Instant at) {
    store.retry(lease, failed, at);
  }

  @Override
  public void kill(Lease lease, Job failed) {
    store.kill(lease, failed);
  }

  @Override
  public void release(Lease lease) {
    store.release(lease);
  }

  @Override
  public JobStoreStats stats() {
    return store.stats();
  }

  @Override
  public void close() {
    store.close();
  }
}
