package io.karafka.examples.users;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Audit events counted per action; what {@link AuditController} writes to. Thread-safe. */
public final class AuditCounts {
  private final Map<String, Integer> counts = new ConcurrentHashMap<>();

  /** Counts one event of an action. */
  public void count(String action) {
    counts.merge(action, 1, Integer::sum);
  }

  /** @return the events counted per action so far, sorted by action */
  public Map<String, Integer> counts() {
    return new TreeMap<>(counts);
  }

  /** @return every event counted so far */
  public int total() {
    return counts.values().stream().mapToInt(Integer::intValue).sum();
  }
}
