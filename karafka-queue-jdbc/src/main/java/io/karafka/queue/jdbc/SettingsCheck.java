package io.karafka.queue.jdbc;

import io.karafka.app.ConfigProblem;
import io.karafka.app.ConfigurationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Collects configuration problems so that all are reported together, as the core does. */
final class SettingsCheck {
  private final List<ConfigProblem> found = new ArrayList<>();

  void add(String key, Object value, String rule, String fix) {
    found.add(new ConfigProblem(key, value, rule, fix));
  }

  void positive(String key, Duration value, String example) {
    if (value == null || value.isZero() || value.isNegative()) {
      add(key, value, "must be a positive duration", "set e.g. ." + example);
    }
  }

  void range(String key, int value, int min, int max, String example) {
    if (value < min || value > max) {
      add(key, value, "must be between " + min + " and " + max, "set e.g. ." + example);
    }
  }

  void throwIfAny() {
    if (!found.isEmpty()) {
      throw new ConfigurationException(found);
    }
  }
}
