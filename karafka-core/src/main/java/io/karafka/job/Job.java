package io.karafka.job;

import io.karafka.message.TraceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One background job: a controller's {@code perform} for one message (or one batch), waiting in a
 * {@link JobStore}. Its fields follow Sidekiq's job hash: {@code worker} is Sidekiq's
 * {@code class}, {@code topic} and {@code payload} its {@code args}, {@code id} its {@code jid}.
 *
 * @param id unique id, derived from the message coordinates ({@link JobId}) so that a message
 *     consumed twice does not become two jobs
 * @param worker the worker name (Sidekiq's {@code class})
 * @param queue the queue it waits in
 * @param topic the route topic whose controller performs it
 * @param payload the params, encoded by the route's interchanger
 * @param retry how many times a failure is retried before the job is dead (0: never)
 * @param retryCount how many retries happened so far (0 on the first run)
 * @param createdAt when it was created
 * @param at when a scheduled job should run; empty to run at once
 * @param timeout how long one perform may take; empty for no limit
 * @param error the last failure, if any
 * @param trace the W3C trace context of the message it came from, when it had one: its
 *     responses carry it on (Sidekiq's JSON keeps it as {@code karafka_trace}, a field Sidekiq
 *     ignores)
 */
public record Job(String id, String worker, String queue, String topic, String payload, int retry,
                  int retryCount, Instant createdAt, Optional<Instant> at,
                  Optional<Duration> timeout, Optional<JobError> error,
                  Optional<TraceContext> trace) {
  /** Validates. */
  public Job {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(worker, "worker");
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(trace, "trace");
    if (id.isBlank()) {
      throw new IllegalArgumentException("job id must not be blank");
    }
    if (retry < 0 || retryCount < 0) {
      throw new IllegalArgumentException("retry and retryCount must be >= 0");
    }
  }

  /** @return a new job to run at once, never failed */
  public static Job create(String id, Worker worker, String topic, String payload,
                           Instant createdAt) {
    return new Job(id, worker.name(), worker.queue(), topic, payload, worker.retry(), 0, createdAt,
        Optional.empty(), worker.timeout(), Optional.empty(), Optional.empty());
  }

  /** @return this job carrying the trace context of the message it came from */
  public Job traced(Optional<TraceContext> context) {
    return new Job(id, worker, queue, topic, payload, retry, retryCount, createdAt, at, timeout,
        error, context);
  }

  /** @return this job scheduled to run at that time */
  public Job scheduledAt(Instant when) {
    return new Job(id, worker, queue, topic, payload, retry, retryCount, createdAt,
        Optional.of(when), timeout, error, trace);
  }

  /** @return this job after a failure: the error recorded and, if retried, the count raised */
  public Job failed(JobError failure, boolean retried) {
    return new Job(id, worker, queue, topic, payload, retry, retried ? retryCount + 1 : retryCount,
        createdAt, at, timeout, Optional.of(failure), trace);
  }
}
