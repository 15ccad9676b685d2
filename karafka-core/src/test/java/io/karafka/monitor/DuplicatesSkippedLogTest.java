package io.karafka.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.karafka.monitor.LoggingMonitorTest.CapturingLogger;
import io.karafka.monitor.LoggingMonitorTest.Line;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DuplicatesSkippedLogTest {
  private final CapturingLogger logger = new CapturingLogger();
  private final SettableClock now = new SettableClock(Instant.EPOCH);
  private final LoggingMonitor monitor = new LoggingMonitor(logger, now, Duration.ofMinutes(1));

  @Test
  void eachSkipIsDebugAndInfoComesAtOnceThenAtMostOncePerIntervalWithTheCount() {
    monitor.notice(new Event.DuplicatesSkipped("app_users", "users", 0, List.of(40L, 41L)));
    now.set(Instant.EPOCH.plusSeconds(10));
    monitor.notice(new Event.DuplicatesSkipped("app_users", "users", 1, List.of(3L, 7L, 9L)));
    now.set(Instant.EPOCH.plusSeconds(30));
    monitor.notice(new Event.DuplicatesSkipped("app_users", "users", 0, List.of(42L)));
    now.set(Instant.EPOCH.plusSeconds(60));
    monitor.notice(new Event.DuplicatesSkipped("app_users", "users", 0, List.of(43L, 44L, 45L,
        46L, 47L, 48L, 49L, 50L, 51L, 52L, 53L, 60L)));

    assertEquals(List.of(
        new Line(Level.DEBUG, "skipped 2 re-consumed message(s) of users/0 (group app_users)"
            + " already enqueued: offsets 40-41", null),
        new Line(Level.INFO, "skipped 2 re-consumed message(s) already enqueued (latest:"
            + " users/0@41); further skips are counted and logged at most once per 1 min", null),
        new Line(Level.DEBUG, "skipped 3 re-consumed message(s) of users/1 (group app_users)"
            + " already enqueued: offsets 3, 7, 9", null),
        new Line(Level.DEBUG, "skipped 1 re-consumed message(s) of users/0 (group app_users)"
            + " already enqueued: offset 42", null),
        new Line(Level.DEBUG, "skipped 12 re-consumed message(s) of users/0 (group app_users)"
            + " already enqueued: offsets 43 ... 60 (12 in all)", null),
        new Line(Level.INFO, "skipped 16 re-consumed message(s) already enqueued in the last"
            + " 1 min (latest: users/0@60)", null)), logger.lines);
  }
}
