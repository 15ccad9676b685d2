package io.karafka.app;

import java.util.Objects;

/**
 * One invalid configuration option.
 *
 * @param key the option, e.g. {@code kafka.sessionTimeout}
 * @param value the bad value as given
 * @param rule the rule it breaks
 * @param fix what to do instead
 */
public record ConfigProblem(String key, Object value, String rule, String fix) {
  /** Validates. */
  public ConfigProblem {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(fix, "fix");
  }

  @Override
  public String toString() {
    return key + " = " + describe(value) + ": " + rule + ". Fix: " + fix;
  }

  private static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof CharSequence s) {
      return "'" + s + "'";
    }
    return value.toString();
  }
}
