package io.karafka.micrometer;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The metrics thread: reads, at fixed delays, what a scrape must not wait for (a job store, a
 * consumer's lag) or what changes without an event (new dependencies). One daemon thread,
 * started by the first task, stopped by {@link #close()}. Thread-safe.
 */
final class Sampler implements AutoCloseable {
  private ScheduledExecutorService executor;
  private boolean closed;

  /**
   * Runs the task now and then every period after the previous run ended; a task that throws
   * runs again next time.
   */
  synchronized void every(Duration period, Runnable task) {
    check();
    if (executor == null) {
      executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "karafka-metrics");
        thread.setDaemon(true);
        return thread;
      });
    }
    executor.scheduleWithFixedDelay(() -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        // sampled again at the next period; what failed is told by its dependency's state
      }
    }, 0, period.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** @throws IllegalStateException once closed */
  synchronized void check() {
    if (closed) {
      throw new IllegalStateException("these metrics are closed; bind to new ones");
    }
  }

  /** Stops the thread: a sample under way is interrupted, and waited for up to 10 s. */
  @Override
  public synchronized void close() {
    closed = true;
    if (executor != null) {
      executor.shutdownNow();
      try {
        executor.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
