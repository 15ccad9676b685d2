package io.karafka.job;

import java.util.concurrent.CompletableFuture;

/**
 * Runs a job's controller. {@code KarafkaWorker} uses the one that finds the route by the job's
 * topic, decodes the params with the route's interchanger, creates the controller and calls
 * {@code perform} (responses included) or {@code afterFailure}. Thread-safe.
 */
public interface JobPerformer {
  /**
   * @param job the job to perform
   * @throws Exception whatever perform threw
   */
  void perform(Job job) throws Exception;

  /**
   * Runs the job's perform on the calling thread and returns without waiting for what it
   * produced to be safe: the future completes when its responses are acknowledged (or fails
   * with why they were not). The default calls {@link #perform} and returns a completed future.
   *
   * @param job the job to perform
   * @return completes when the job's effects outside the process are safe
   * @throws Exception whatever perform threw
   */
  default CompletableFuture<Void> performAsync(Job job) throws Exception {
    perform(job);
    return CompletableFuture.completedFuture(null);
  }

  /**
   * Tells the job's controller that a perform failed (the seed's {@code after_failure}).
   *
   * @param job the job
   * @param error what the failed perform threw
   */
  void afterFailure(Job job, Throwable error);
}
