package io.karafka.job;

import java.time.Instant;
import java.util.Objects;

/**
 * Why a job's last run failed (Sidekiq's {@code error_class}, {@code error_message},
 * {@code failed_at}).
 *
 * @param errorClass the exception's class name
 * @param errorMessage its message (may be empty)
 * @param failedAt when the job first failed
 * @param retriedAt when it failed last
 */
public record JobError(String errorClass, String errorMessage, Instant failedAt,
                       Instant retriedAt) {
  /** Validates. */
  public JobError {
    Objects.requireNonNull(errorClass, "errorClass");
    Objects.requireNonNull(failedAt, "failedAt");
    Objects.requireNonNull(retriedAt, "retriedAt");
    errorMessage = errorMessage == null ? "" : errorMessage;
  }

  /** @return the error of a failure at {@code now}, keeping the first failure time of earlier */
  public static JobError of(Throwable error, Instant now, JobError earlier) {
    Instant first = earlier == null ? now : earlier.failedAt();
    return new JobError(error.getClass().getName(), error.getMessage(), first, now);
  }

  @Override
  public String toString() {
    return errorClass + ": " + errorMessage;
  }
}
