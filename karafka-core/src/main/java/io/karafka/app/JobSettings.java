package io.karafka.app;

import io.karafka.app.internal.ConfigCheck;
import io.karafka.job.RetryPolicy;
import io.karafka.job.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Background jobs: how workers run them (the job store itself — Redis, PostgreSQL — is wired as
 * an adapter and takes its address from its own settings).
 *
 * @param concurrency jobs run at once by one worker process (default 10)
 * @param virtualThreads run jobs on virtual threads instead of platform threads
 * @param queues queues a worker fetches from (default {@code [default]}): in strict priority
 *     order, or, when any is written {@code name,weight} (e.g. {@code critical,3}), in an order
 *     drawn at random by weight on every fetch, as Sidekiq does
 * @param retry default retries before a job is dead (default 25)
 * @param retryPolicy delay before each retry (default Sidekiq's)
 * @param timeout default limit for one run of a job (default none)
 * @param shutdownTimeout how long a stopping worker waits for running jobs before handing them
 *     back to their queue (default 25 s)
 * @param pollInterval how long a worker waits on an empty queue before asking again (default 1 s)
 * @param deadMaxJobs dead jobs kept at most (default 10,000)
 * @param deadTimeout how long dead jobs are kept (default 180 days)
 * @param prefetch jobs a worker thread takes from the store at once and completes together
 *     (default 1: fairest, a slow job holds back no other; raise it, e.g. to 50, for throughput
 *     on a database store, where one job per transaction is the bottleneck)
 */
public record JobSettings(int concurrency, boolean virtualThreads, List<String> queues, int retry,
                          RetryPolicy retryPolicy, Optional<Duration> timeout,
                          Duration shutdownTimeout, Duration pollInterval, int deadMaxJobs,
                          Duration deadTimeout, int prefetch) {
  private static final Pattern QUEUE = Pattern.compile("[A-Za-z0-9._-]{1,200}(,[1-9][0-9]{0,3})?");

  /** Copies. */
  public JobSettings {
    queues = List.copyOf(queues);
  }

  /** Settings with a prefetch of 1. */
  public JobSettings(int concurrency, boolean virtualThreads, List<String> queues, int retry,
                     RetryPolicy retryPolicy, Optional<Duration> timeout,
                     Duration shutdownTimeout, Duration pollInterval, int deadMaxJobs,
                     Duration deadTimeout) {
    this(concurrency, virtualThreads, queues, retry, retryPolicy, timeout, shutdownTimeout,
        pollInterval, deadMaxJobs, deadTimeout, 1);
  }

  /** @return the settings an app has when its setup does not touch {@code jobs} */
  public static JobSettings defaults() {
    ConfigCheck problems = new ConfigCheck();
    JobSettings defaults = new Builder().build(problems);
    problems.throwIfAny();
    return defaults;
  }

  /** @return these settings with another prefetch */
  public JobSettings withPrefetch(int value) {
    return new JobSettings(concurrency, virtualThreads, queues, retry, retryPolicy, timeout,
        shutdownTimeout, pollInterval, deadMaxJobs, deadTimeout, value);
  }

  /** @return the queue names, without weights */
  public List<String> queueNames() {
    return queues.stream().map(q -> q.contains(",") ? q.substring(0, q.indexOf(',')) : q)
        .toList();
  }

  /** @return the weight of each queue (1 when not given), in the order of {@link #queues} */
  public List<Integer> queueWeights() {
    return queues.stream().map(q -> q.contains(",") ? Integer.parseInt(q.substring(
        q.indexOf(',') + 1)) : 1).toList();
  }

  /** @return whether queues are drawn by weight rather than taken in strict order */
  public boolean weighted() {
    return queues.stream().anyMatch(q -> q.contains(","));
  }

  /** Builds {@link JobSettings}. */
  public static final class Builder {
    private int concurrency = 10;
    private boolean virtualThreads;
    private List<String> queues = List.of(Worker.DEFAULT_QUEUE);
    private int retry = Worker.DEFAULT_RETRY;
    private RetryPolicy retryPolicy = RetryPolicy.sidekiq();
    private Duration timeout;
    private Duration shutdownTimeout = Duration.ofSeconds(25);
    private Duration pollInterval = Duration.ofSeconds(1);
    private int deadMaxJobs = 10_000;
    private Duration deadTimeout = Duration.ofDays(180);
    private int prefetch = 1;

    Builder() {}

    /** Default 1. @return this */
    public Builder prefetch(int value) {
      this.prefetch = value;
      return this;
    }

    /** Default 10. @return this */
    public Builder concurrency(int value) {
      this.concurrency = value;
      return this;
    }

    /** Default false. @return this */
    public Builder virtualThreads(boolean value) {
      this.virtualThreads = value;
      return this;
    }

    /** Default {@code default}. @return this */
    public Builder queues(String... values) {
      this.queues = java.util.Arrays.asList(values.clone());
      return this;
    }

    /** Default 25. @return this */
    public Builder retry(int value) {
      this.retry = value;
      return this;
    }

    /** Default Sidekiq's. @return this */
    public Builder retryPolicy(RetryPolicy value) {
      this.retryPolicy = value;
      return this;
    }

    /** Default none. @return this */
    public Builder timeout(Duration value) {
      this.timeout = value;
      return this;
    }

    /** Default 25 s. @return this */
    public Builder shutdownTimeout(Duration value) {
      this.shutdownTimeout = value;
      return this;
    }

    /** Default 1 s. @return this */
    public Builder pollInterval(Duration value) {
      this.pollInterval = value;
      return this;
    }

    /** Default 10,000. @return this */
    public Builder deadMaxJobs(int value) {
      this.deadMaxJobs = value;
      return this;
    }

    /** Default 180 days. @return this */
    public Builder deadTimeout(Duration value) {
      this.deadTimeout = value;
      return this;
    }

    JobSettings build(ConfigCheck problems) {
      problems.range("jobs.concurrency", concurrency, 1, 10_000, "concurrency(10)");
      List<String> names = queues == null ? List.of() : queues;
      if (names.isEmpty()) {
        problems.add("jobs.queues", queues, "must name at least one queue",
            "set e.g. .queues(\"default\")");
      }
      for (String queue : names) {
        if (queue == null || !QUEUE.matcher(queue).matches()) {
          problems.add("jobs.queues", queue, "queue names are 1-200 characters from"
              + " [A-Za-z0-9._-], optionally followed by ,weight (1-9999)",
              "rename the queue, e.g. \"critical\" or \"critical,3\"");
        }
      }
      if (retry < 0) {
        problems.add("jobs.retry", retry, "must be 0 or more", "set e.g. .retry(25)");
      }
      if (retryPolicy == null) {
        problems.add("jobs.retryPolicy", null, "must not be null",
            "set e.g. .retryPolicy(RetryPolicy.sidekiq())");
      }
      if (timeout != null) {
        problems.positive("jobs.timeout", timeout, "timeout(Duration.ofMinutes(5))");
      }
      problems.positive("jobs.shutdownTimeout", shutdownTimeout,
          "shutdownTimeout(Duration.ofSeconds(25))");
      problems.positive("jobs.pollInterval", pollInterval, "pollInterval(Duration.ofSeconds(1))");
      problems.range("jobs.deadMaxJobs", deadMaxJobs, 0, Integer.MAX_VALUE, "deadMaxJobs(10000)");
      problems.positive("jobs.deadTimeout", deadTimeout, "deadTimeout(Duration.ofDays(180))");
      problems.range("jobs.prefetch", prefetch, 1, 10_000, "prefetch(50)");
      return new JobSettings(concurrency, virtualThreads,
          names.stream().filter(java.util.Objects::nonNull).toList(), retry, retryPolicy,
          Optional.ofNullable(timeout), shutdownTimeout, pollInterval, deadMaxJobs, deadTimeout,
          prefetch);
    }
  }
}
