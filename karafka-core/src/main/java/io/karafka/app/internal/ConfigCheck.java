package io.karafka.app.internal;

import io.karafka.app.ConfigProblem;
import io.karafka.app.ConfigurationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects configuration problems so that all are reported together, in one
 * {@link ConfigurationException}; the settings builders of core and of Karafka's own adapters
 * use it (an internal package: other adapters report {@link ConfigProblem}s in a
 * {@link ConfigurationException} directly). Not thread-safe.
 */
public final class ConfigCheck {
  private final List<ConfigProblem> found = new ArrayList<>();

  /** An empty check. */
  public ConfigCheck() {}

  /** Records a problem: the key, its bad value, the rule it breaks and the fix. */
  public void add(String key, Object value, String rule, String fix) {
    found.add(new ConfigProblem(key, value, rule, fix));
  }

  /** Records a problem unless the duration is positive; {@code example} is the fixing call. */
  public void positive(String key, Duration value, String example) {
    if (value == null || value.isZero() || value.isNegative()) {
      add(key, value, "must be a positive duration", "set e.g. ." + example);
    }
  }

  /** Records a problem unless min ≤ value ≤ max; {@code example} is the fixing call. */
  public void range(String key, int value, int min, int max, String example) {
    if (value < min || value > max) {
      add(key, value, "must be between " + min + " and " + max, "set e.g. ." + example);
    }
  }

  /** @return the problems so far */
  public List<ConfigProblem> list() {
    return found;
  }

  /** @throws ConfigurationException listing every problem, when there is one */
  public void throwIfAny() {
    if (!found.isEmpty()) {
      throw new ConfigurationException(found);
    }
  }
}
