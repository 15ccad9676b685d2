package io.karafka.job;

import java.time.Duration;
import java.util.List;

/**
 * The storage side of background jobs. The worker runtime in core ({@code KarafkaWorker}) does
 * concurrency, timeouts, retries and shutdown on top of it; a store only keeps jobs safe. Redis,
 * PostgreSQL and an in-memory fake implement it, and {@code JobStoreContract} in the test kit
 * checks each of them the same way.
 *
 * <p>Rules every store keeps:
 * <ul>
 *   <li>{@link #enqueue(List)}: durable when it returns; a job whose id the store holds (waiting,
 *       scheduled, running, retrying or dead) is ignored; a job with {@link Job#at()} in the
 *       future waits until then. A completed job's id is not remembered (a store that keeps
 *       finished jobs for history does not let them block their id).</li>
 *   <li>{@link #enqueue(ConsumedJobs)}: one entry per group, topic and partition (incarnation and
 *       highest offset enqueued), read and written atomically with the enqueue; jobs at or below
 *       it of the same incarnation are skipped and returned; an unknown incarnation
 *       ({@code ""}) leaves it alone. A store's memory thus follows partitions, not
 *       messages.</li>
 *   <li>{@link #fetch}: a job goes to one worker at a time, oldest first within a queue, queues in
 *       the order asked; due scheduled jobs and retries become fetchable on time.</li>
 *   <li>Every lease ends in exactly one of complete, retry, kill or release; ending it twice is a
 *       no-op; a lease of a worker that died is given out again.</li>
 * </ul>
 * Implementations must be thread-safe; time comes from an injected {@link java.time.Clock}.
 */
public interface JobStore extends JobQueue, AutoCloseable {
  /**
   * Takes up to {@code max} jobs, waiting up to {@code wait} for the first one.
   *
   * @param queues queue names, in priority order
   * @return the leases, possibly empty
   * @throws InterruptedException when the waiting thread is interrupted
   * @throws JobStoreUnavailableException when the store cannot be reached
   */
  List<Lease> fetch(List<String> queues, int max, Duration wait) throws InterruptedException;

  /** The job succeeded: forget it (and count it as processed). */
  void complete(Lease lease);

  /** Completes many jobs; stores override it to do it in one round trip. */
  default void completeAll(List<Lease> leases) {
    leases.forEach(this::complete);
  }

  /**
   * Completes jobs and takes up to {@code max} more without waiting: what a busy worker does
   * after each batch. Stores override it to do both in one round trip.
   *
   * @return the new leases, possibly empty
   */
  default List<Lease> completeAllAndFetch(List<Lease> done, List<String> queues, int max)
      throws InterruptedException {
    completeAll(done);
    return fetch(queues, max, Duration.ZERO);
  }

  /**
   * The job failed and runs again later.
   *
   * @param failed the job with its new retry count and error
   * @param at when to run it again
   */
  void retry(Lease lease, Job failed, java.time.Instant at);

  /**
   * The job failed for good: keep it in the dead set.
   *
   * @param failed the job with its last error
   */
  void kill(Lease lease, Job failed);

  /** The job did not run (graceful shutdown): put it back at the head of its queue. */
  void release(Lease lease);

  /** @return counts of waiting, running, scheduled, retrying and dead jobs */
  JobStoreStats stats();

  /** Releases connections. Leases still held are not released. */
  @Override
  void close();
}
