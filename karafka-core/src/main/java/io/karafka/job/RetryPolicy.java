package io.karafka.job;

import java.time.Duration;

/**
 * How long a failed job waits before its next try. The default is Sidekiq's schedule,
 * {@code retryCount^4 + 15 s + rand(10) * (retryCount + 1) s}, which spreads 25 retries over about
 * three weeks.
 */
@FunctionalInterface
public interface RetryPolicy {
  /**
   * @param retryCount how many retries happened before this one (0 for the first retry)
   * @return the delay before the next try
   */
  Duration delay(int retryCount);

  /** @return Sidekiq's default schedule, with jitter */
  static RetryPolicy sidekiq() {
    return count -> {
      long jitter = java.util.concurrent.ThreadLocalRandom.current().nextLong(10) * (count + 1);
      return Duration.ofSeconds((long) Math.pow(count, 4) + 15 + jitter);
    };
  }

  /** @return the same delay every time */
  static RetryPolicy fixed(Duration delay) {
    return count -> delay;
  }
}
