package io.karafka.job;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Describes how a controller's {@code perform} runs in the background: the worker's name
 * (Sidekiq's job {@code class}), its queue, how often a failure is retried and how long one run
 * may take. Set per route with {@code .worker(...)}, or chosen per message in a
 * {@code beforeEnqueue} callback ("dynamic worker selection"):
 *
 * <pre>{@code
 * beforeEnqueue(() -> {
 *   worker(params().getBoolean("important") ? FAST : SLOW);
 *   return true;
 * });
 * static final Worker FAST = Worker.named("FastWorker").queue("critical").retry(5);
 * }</pre>
 *
 * Without one, a route gets a worker named after its controller ({@code UsersController} →
 * {@code UsersWorker}) on queue {@code default}, with the app's retry and timeout settings.
 *
 * @param name worker name
 * @param queue queue name: letters, digits, {@code . _ -}
 * @param retry retries before the job is dead, 0 or more
 * @param timeout limit for one run, when set
 */
public record Worker(String name, String queue, int retry, Optional<Duration> timeout) {
  private static final Pattern QUEUE = Pattern.compile("[A-Za-z0-9._-]{1,200}");

  /** The default queue's name. */
  public static final String DEFAULT_QUEUE = "default";

  /** The default number of retries, as Sidekiq's. */
  public static final int DEFAULT_RETRY = 25;

  /** Validates. */
  public Worker {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(timeout, "timeout");
    if (name.isBlank()) {
      throw new IllegalArgumentException("worker name must not be blank");
    }
    if (!QUEUE.matcher(queue).matches()) {
      throw new IllegalArgumentException("worker " + name + ": queue name '" + queue
          + "' must be 1-200 characters from [A-Za-z0-9._-]");
    }
    if (retry < 0) {
      throw new IllegalArgumentException("worker " + name + ": retry must be >= 0, was " + retry);
    }
    if (timeout.isPresent() && (timeout.get().isNegative() || timeout.get().isZero())) {
      throw new IllegalArgumentException("worker " + name + ": timeout must be positive, was "
          + timeout.get());
    }
  }

  /** @return a worker on the default queue, 25 retries, no timeout */
  public static Worker named(String name) {
    return new Worker(name, DEFAULT_QUEUE, DEFAULT_RETRY, Optional.empty());
  }

  /** @return this worker on another queue */
  public Worker queue(String newQueue) {
    return new Worker(name, newQueue, retry, timeout);
  }

  /** @return this worker with another retry limit (0: a failure is dead at once) */
  public Worker retry(int newRetry) {
    return new Worker(name, queue, newRetry, timeout);
  }

  /** @return this worker with a limit for one run */
  public Worker timeout(Duration newTimeout) {
    return new Worker(name, queue, retry, Optional.of(newTimeout));
  }
}
