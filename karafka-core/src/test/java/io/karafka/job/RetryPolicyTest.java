package io.karafka.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private static final int SAMPLES = 500;

  @Test
  void sidekiqDelayStaysWithinItsBounds() {
    RetryPolicy policy = RetryPolicy.sidekiq();
    for (int count = 0; count <= 25; count++) {
      long base = (long) count * count * count * count + 15;
      for (int i = 0; i < SAMPLES; i++) {
        long seconds = policy.delay(count).getSeconds();
        long jitter = seconds - base;
        assertTrue(jitter >= 0 && jitter <= 9L * (count + 1),
            "count " + count + ": " + seconds + " s is outside [" + base + ", "
                + (base + 9L * (count + 1)) + "]");
        assertEquals(0, jitter % (count + 1), "count " + count + ": jitter " + jitter
            + " is not a multiple of " + (count + 1));
      }
    }
  }

  @Test
  void sidekiqDelayHasWholeSeconds() {
    assertEquals(0, RetryPolicy.sidekiq().delay(3).getNano());
  }

  @Test
  void sidekiqJitterTakesEveryValue() {
    RetryPolicy policy = RetryPolicy.sidekiq();
    Set<Long> seen = new HashSet<>();
    // The chance of missing one of the 10 values in 2000 draws is below 1e-90.
    for (int i = 0; i < 2000; i++) {
      seen.add(policy.delay(2).getSeconds());
    }

    assertEquals(Set.of(31L, 34L, 37L, 40L, 43L, 46L, 49L, 52L, 55L, 58L), seen);
  }

  @Test
  void sidekiqScheduleSpreadsTwentyFiveRetriesOverAboutThreeWeeks() {
    RetryPolicy policy = RetryPolicy.sidekiq();
    Duration total = Duration.ZERO;
    for (int count = 0; count < 25; count++) {
      total = total.plus(policy.delay(count));
    }

    assertTrue(total.compareTo(Duration.ofDays(20)) > 0, total.toString());
    assertTrue(total.compareTo(Duration.ofDays(21)) < 0, total.toString());
  }

  @Test
  void fixedDelayIsTheSameForEveryCount() {
    RetryPolicy policy = RetryPolicy.fixed(Duration.ofSeconds(7));

    assertEquals(Duration.ofSeconds(7), policy.delay(0));
    assertEquals(Duration.ofSeconds(7), policy.delay(24));
  }
}
