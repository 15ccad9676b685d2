package io.karafka.job;

/**
 * Runs a job's controller. {@code KarafkaApp#performer} gives the one that finds the route by the
 * job's topic, decodes the params with the route's interchanger, creates the controller and
 * calls {@code perform} (responses included) or {@code afterFailure}. Thread-safe.
 */
public interface JobPerformer {
  /**
   * @param job the job to perform
   * @throws Exception whatever perform threw
   */
  void perform(Job job) throws Exception;

  /**
   * Tells the job's controller that a perform failed (the seed's {@code after_failure}).
   *
   * @param job the job
   * @param error what the failed perform threw
   */
  void afterFailure(Job job, Throwable error);
}
