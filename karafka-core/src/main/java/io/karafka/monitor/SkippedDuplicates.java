package io.karafka.monitor;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How {@link LoggingMonitor} tells of skipped duplicates: each event at DEBUG, and at INFO at
 * most once per reminder interval with the count since the last INFO line (the first one at
 * once), so that a rebalance re-consuming thousands of messages is one line, not thousands.
 * Thread-safe.
 */
final class SkippedDuplicates {
  private Instant lastInfo;
  private long since;

  void log(Logger logger, Event.DuplicatesSkipped e, Instant now, Duration interval) {
    int count = e.offsets().size();
    String latest = e.topic() + "/" + e.partition() + "@" + e.offsets().getLast();
    logger.log(Level.DEBUG, () -> "skipped " + count + " re-consumed message(s) of "
        + e.topic() + "/" + e.partition() + " (group " + e.group() + ") already enqueued: "
        + "offset" + (count == 1 ? " " : "s ") + offsets(e.offsets()));
    long total;
    Duration span;
    synchronized (this) {
      since += count;
      if (lastInfo != null && Duration.between(lastInfo, now).compareTo(interval) < 0) {
        return;
      }
      span = lastInfo == null ? null : Duration.between(lastInfo, now);
      total = since;
      since = 0;
      lastInfo = now;
    }
    logger.log(Level.INFO, span == null
        ? "skipped " + total + " re-consumed message(s) already enqueued (latest: " + latest
            + "); further skips are counted and logged at most once per "
            + LoggingMonitor.human(interval)
        : "skipped " + total + " re-consumed message(s) already enqueued in the last "
            + LoggingMonitor.human(span) + " (latest: " + latest + ")");
  }

  /** @return e.g. "41", "30-41" (a run), "3, 7, 9" or "3 ... 90" (12 in all) */
  private static String offsets(List<Long> offsets) {
    long first = offsets.getFirst();
    long last = offsets.getLast();
    if (offsets.size() == 1) {
      return String.valueOf(first);
    }
    if (last - first + 1 == offsets.size()) {
      return first + "-" + last;
    }
    return offsets.size() <= 10 ? offsets.toString().replaceAll("[\\[\\]]", "")
        : first + " ... " + last + " (" + offsets.size() + " in all)";
  }
}
