package io.karafka.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for a fact instead of a fixed time: polls a condition every 20 ms until it holds, or
 * fails naming what did not happen.
 *
 * <pre>{@code
 * Await.within(Duration.ofSeconds(10), "the job performed", () -> store.stats().processed() == 1);
 * }</pre>
 */
public final class Await {
  private Await() {}

  /**
   * @param limit how long the fact may take
   * @param what the fact, for the failure message
   * @param condition true once it holds; called on the caller's thread
   * @throws AssertionError naming the fact when it did not hold in time
   * @throws InterruptedException when the waiting thread is interrupted
   */
  public static void within(Duration limit, String what, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("not within " + limit + ": " + what);
      }
      Thread.sleep(20);
    }
  }
}
