package io.karafka.job;

import java.util.List;

/**
 * Where the consumer hands background jobs. A {@link JobStore} is one (jobs wait for a worker
 * process); {@code InlineJobQueue} in {@code karafka-queue-inline} is another (jobs are performed
 * at once, in the consuming process).
 *
 * <p>Contract: when {@link #enqueue} returns, every job is durably accepted (or performed), but
 * for those it reports as skipped; when it throws, the consumer commits none of the messages, so
 * nothing is lost. A job whose id the queue still holds is ignored. A store does not remember the
 * ids of completed jobs: a message consumed again after its job completed is recognised by the
 * per-partition watermark of {@link #enqueue(ConsumedJobs)}, so the memory a store needs follows
 * the number of partitions, not of messages. Thread-safe.
 */
public interface JobQueue {
  /**
   * @param jobs jobs in order; may be empty
   * @throws JobStoreUnavailableException when the backing store cannot be reached
   */
  void enqueue(List<Job> jobs);

  /**
   * Enqueues the jobs of consumed messages of one partition, skipping those already durably
   * enqueued: when the queue's entry for the group, topic and partition is of the same
   * incarnation ({@link ConsumedJobs#topicId()}), jobs at offsets at or below its offset are
   * skipped; the entry then becomes the highest offset of the two. Another incarnation enqueues
   * everything and replaces the entry; an unknown one ({@code ""}) neither reads nor writes it.
   * Stores do this atomically with the enqueue. By default (a queue that keeps no entries, e.g.
   * one that performs at once) nothing is skipped.
   *
   * @return the offsets skipped as already enqueued, in order; empty when none
   * @throws JobStoreUnavailableException when the backing store cannot be reached (nothing is
   *     enqueued, the entry is unchanged)
   */
  default List<Long> enqueue(ConsumedJobs consumed) {
    enqueue(consumed.jobs());
    return List.of();
  }

  /**
   * @return where the jobs are kept, secrets masked, for log lines about this queue (e.g.
   *     {@code redis://app:****@redis:6379/0}); by default the class's simple name
   */
  default String address() {
    return getClass().getSimpleName();
  }
}
