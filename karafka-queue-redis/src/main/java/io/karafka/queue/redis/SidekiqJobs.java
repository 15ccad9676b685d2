package io.karafka.queue.redis;

import io.karafka.job.Job;
import io.karafka.job.JobError;
import io.karafka.message.TraceContext;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps a {@link Job} to Sidekiq's job hash and back: {@code class} = worker, {@code args} =
 * [topic, interchanged params], {@code jid}, {@code queue}, {@code retry}, {@code created_at},
 * {@code enqueued_at} (epoch seconds as floats, as Sidekiq 6 writes them), {@code at} for
 * scheduled jobs, and after a failure {@code error_message}, {@code error_class},
 * {@code failed_at}, {@code retry_count} and, from the second failure on, {@code retried_at}.
 * Karafka's own fields are prefixed {@code karafka_}: {@code karafka_timeout},
 * {@code karafka_retries} and {@code karafka_trace} (the W3C {@code traceparent} and
 * {@code tracestate} of the message the job came from), which Sidekiq ignores.
 *
 * <p>Sidekiq's {@code retry_count} counts failures from 0 (0 after the first), and a job is
 * retried after every failure but the one that kills it; {@link Job#retryCount()} counts the
 * retries. So a waiting job (queued, scheduled or to be retried) failed {@code retryCount} times,
 * a dead one {@code retryCount + 1} times: dead jobs are written by {@link #encodeDead}.
 */
final class SidekiqJobs {
  private SidekiqJobs() {}

  /** @return the hash of a job that waits: in a queue, scheduled, or to be retried */
  static String encode(Job job, Instant enqueuedAt) {
    if (job.error().isEmpty() && job.at().isEmpty()) {
      return encodeFresh(job, enqueuedAt);
    }
    return encode(job, enqueuedAt, job.retryCount());
  }

  /** @return the hash of a job that died: its last failure came after its last retry */
  static String encodeDead(Job job, Instant diedAt) {
    return encode(job, diedAt, job.retryCount() + 1);
  }

  private static String encode(Job job, Instant enqueuedAt, int failures) {
    Map<String, Object> hash = new LinkedHashMap<>();
    hash.put("class", job.worker());
    hash.put("args", List.of(job.topic(), job.payload()));
    hash.put("jid", job.id());
    hash.put("queue", job.queue());
    hash.put("retry", job.retry());
    hash.put("created_at", seconds(job.createdAt()));
    hash.put("enqueued_at", seconds(enqueuedAt));
    job.at().ifPresent(at -> hash.put("at", seconds(at)));
    job.timeout().ifPresent(t -> hash.put("karafka_timeout", t.toMillis() / 1000.0));
    hash.put("karafka_retries", job.retryCount());
    job.trace().ifPresent(t -> hash.put("karafka_trace", trace(t)));
    job.error().ifPresent(e -> {
      hash.put("error_message", e.errorMessage());
      hash.put("error_class", e.errorClass());
      hash.put("failed_at", seconds(e.failedAt()));
      int retryCount = Math.max(0, failures - 1);
      hash.put("retry_count", retryCount);
      if (retryCount > 0) {
        hash.put("retried_at", seconds(e.retriedAt()));
      }
    });
    return SidekiqJson.write(hash);
  }

  /** The common case (a new job), written straight into a builder: enqueue's hot path. */
  private static String encodeFresh(Job job, Instant enqueuedAt) {
    StringBuilder out = new StringBuilder(job.payload().length() + 256);
    out.append("{\"class\":");
    SidekiqJson.string(job.worker(), out);
    out.append(",\"args\":[");
    SidekiqJson.string(job.topic(), out);
    out.append(',');
    SidekiqJson.string(job.payload(), out);
    out.append("],\"jid\":");
    SidekiqJson.string(job.id(), out);
    out.append(",\"queue\":");
    SidekiqJson.string(job.queue(), out);
    out.append(",\"retry\":").append(job.retry())
        .append(",\"created_at\":").append(decimal(seconds(job.createdAt())))
        .append(",\"enqueued_at\":").append(decimal(seconds(enqueuedAt)));
    job.timeout().ifPresent(t -> out.append(",\"karafka_timeout\":")
        .append(decimal(t.toMillis() / 1000.0)));
    out.append(",\"karafka_retries\":").append(job.retryCount());
    job.trace().ifPresent(t -> out.append(",\"karafka_trace\":")
        .append(SidekiqJson.write(trace(t))));
    return out.append('}').toString();
  }

  private static Map<String, Object> trace(TraceContext context) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put(TraceContext.TRACEPARENT, context.traceparent());
    context.tracestate().ifPresent(state -> fields.put(TraceContext.TRACESTATE, state));
    return fields;
  }

  /** @return the trace context Karafka wrote; empty when none or not a valid one */
  private static Optional<TraceContext> trace(Object field) {
    return field instanceof Map<?, ?> fields
        && fields.get(TraceContext.TRACEPARENT) instanceof String parent
        ? TraceContext.parse(parent, fields.get(TraceContext.TRACESTATE) instanceof String state
            ? state : null)
        : Optional.empty();
  }

  static String decimal(double value) {
    return BigDecimal.valueOf(value).toPlainString();
  }

  static Job decode(String json) {
    Object parsed = SidekiqJson.parse(json);
    if (!(parsed instanceof Map<?, ?> hash) || !(hash.get("args") instanceof List<?> args)
        || args.size() != 2 || !(args.get(0) instanceof String topic)
        || !(args.get(1) instanceof String payload)) {
      throw new IllegalArgumentException("not a Karafka job (args must be [topic, params]): "
          + abbreviate(json));
    }
    Optional<JobError> error = Optional.empty();
    if (hash.get("error_class") instanceof String errorClass) {
      Instant failedAt = instant(hash.get("failed_at"));
      Object retried = hash.get("retried_at");
      error = Optional.of(new JobError(errorClass, (String) hash.get("error_message"), failedAt,
          retried == null ? failedAt : instant(retried)));
    }
    Object retry = hash.get("retry");
    int retryLimit = retry instanceof BigDecimal n ? n.intValue()
        : Boolean.TRUE.equals(retry) ? 25 : 0;
    // Written by Sidekiq: retry_count + 1 failures, each retried but one that killed the job.
    int retryCount = hash.get("karafka_retries") instanceof BigDecimal n ? n.intValue()
        : hash.get("retry_count") instanceof BigDecimal n ? Math.min(n.intValue() + 1, retryLimit)
        : 0;
    return new Job((String) hash.get("jid"), (String) hash.get("class"),
        (String) hash.get("queue"), topic, payload, retryLimit, retryCount,
        instant(hash.get("created_at")),
        hash.get("at") == null ? Optional.empty() : Optional.of(instant(hash.get("at"))),
        hash.get("karafka_timeout") instanceof BigDecimal t
            ? Optional.of(Duration.ofMillis(t.movePointRight(3).longValue()))
            : Optional.empty(), error, trace(hash.get("karafka_trace")));
  }

  /**
   * @param json a job hash
   * @return its {@code enqueued_at}; empty when it has none (a job some other client wrote)
   */
  static Optional<Instant> enqueuedAt(String json) {
    try {
      return SidekiqJson.parse(json) instanceof Map<?, ?> hash
          && hash.get("enqueued_at") instanceof BigDecimal at ? Optional.of(instant(at))
          : Optional.empty();
    } catch (IllegalArgumentException notJson) {
      return Optional.empty();
    }
  }

  static double seconds(Instant instant) {
    return instant.toEpochMilli() / 1000.0;
  }

  private static Instant instant(Object seconds) {
    if (!(seconds instanceof BigDecimal n)) {
      throw new IllegalArgumentException("expected epoch seconds, got " + seconds);
    }
    return Instant.ofEpochMilli(n.movePointRight(3).longValue());
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }
}
