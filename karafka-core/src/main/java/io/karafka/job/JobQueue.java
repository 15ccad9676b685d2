package io.karafka.job;

import java.util.List;

/**
 * Where the consumer hands background jobs. A {@link JobStore} is one (jobs wait for a worker
 * process); {@code InlineJobQueue} in {@code karafka-queue-inline} is another (jobs are performed
 * at once, in the consuming process).
 *
 * <p>Contract: when {@link #enqueue} returns, every job is durably accepted (or performed); when
 * it throws, the consumer commits none of the messages, so nothing is lost. A job whose id the
 * queue already holds is ignored. Thread-safe.
 */
public interface JobQueue {
  /**
   * @param jobs jobs in order; may be empty
   * @throws JobStoreUnavailableException when the backing store cannot be reached
   */
  void enqueue(List<Job> jobs);

  /**
   * @return where the jobs are kept, secrets masked, for log lines about this queue (e.g.
   *     {@code redis://app:****@redis:6379/0}); by default the class's simple name
   */
  default String address() {
    return getClass().getSimpleName();
  }
}
