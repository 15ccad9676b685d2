package io.karafka.examples.monitoring;

import io.karafka.monitor.Event;
import io.karafka.monitor.Monitor;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts consumed, enqueued, performed and skipped (already enqueued) messages per topic under
 * keys like {@code Custom/videos/perform_async} (the original framework's New Relic example);
 * hand the counts to your metrics library.
 */
public final class MetricsMonitor implements Monitor {
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  @Override
  public void notice(Event event) {
    switch (event) {
      case Event.MessagesReceived e -> record(e.topic(), "consume", e.count());
      case Event.JobsEnqueued e -> e.jobs().forEach(job -> record(job.topic(), "perform_async",
          1));
      case Event.JobPerformed e -> record(e.job().topic(), "perform", 1);
      case Event.MessagePerformed e -> record(e.topic(), "perform", e.count());
      case Event.DuplicatesSkipped e -> record(e.topic(), "duplicate_skipped",
          e.offsets().size());
      default -> { }
    }
  }

  /** @return the counts so far, by metric key */
  public Map<String, Long> counts() {
    Map<String, Long> snapshot = new TreeMap<>();
    counts.forEach((key, count) -> snapshot.put(key, count.sum()));
    return snapshot;
  }

  private void record(String topic, String action, long count) {
    counts.computeIfAbsent("Custom/" + topic + "/" + action, k -> new LongAdder()).add(count);
  }
}
