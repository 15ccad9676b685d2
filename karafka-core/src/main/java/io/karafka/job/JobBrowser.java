package io.karafka.job;

import java.util.List;

/**
 * An optional port of a {@link JobStore}, for the job queue's web UI and for operators: looks
 * into the jobs that wait for a time (scheduled, retries) and the dead ones, and acts on one of
 * them, and lists the worker processes that use the store. The Redis, JDBC and in-memory stores
 * implement it.
 *
 * <p>Thread-safe in every implementation.
 */
public interface JobBrowser {
  /** Where a job waits outside its queue. */
  enum Section {
    /** Jobs scheduled for later ({@code performAt}), soonest first. */
    SCHEDULED,
    /** Failed jobs waiting for their next attempt, soonest first. */
    RETRIES,
    /** Jobs that used up their retries, the most recently dead first. */
    DEAD
  }

  /** The most jobs {@link #jobs} lists at once. */
  int MAX_PAGE = 1_000;

  /**
   * @param section which jobs
   * @param offset how many to skip, in the section's order
   * @param limit how many at most (1 to 1,000)
   * @return the jobs, each with its next run time ({@link Job#at()}, scheduled and retries) and
   *     last error ({@link Job#error()}, retries and dead)
   * @throws IllegalArgumentException when offset is negative or limit out of range
   */
  List<Job> jobs(Section section, int offset, int limit);

  /**
   * @param section which jobs
   * @return how many jobs the section holds
   */
  long count(Section section);

  /**
   * Moves a job of the section to its queue, to run at once: a scheduled job early, a retry
   * now instead of later, a dead job again (its retry count kept, so it dies after one more
   * failure unless its worker allows more).
   *
   * @param section where the job is
   * @param jobId its id
   * @return false when the section no longer holds it (taken meanwhile, or wrong id)
   */
  boolean runNow(Section section, String jobId);

  /**
   * Removes a job of the section for good.
   *
   * @param section where the job is
   * @param jobId its id
   * @return false when the section no longer holds it
   */
  boolean delete(Section section, String jobId);

  /**
   * The worker processes that use the store now, as their heartbeats tell: a process is listed
   * from its first fetch until it closes the store, or until its heartbeat is older than the
   * store's heartbeat TTL or lease time (it was killed).
   *
   * @return the live processes, the longest running first
   */
  List<ProcessInfo> processes();
}
