package io.karafka.health;

import java.util.Objects;

/**
 * One thing a health report looked at.
 *
 * @param name what it is, e.g. {@code "server"}, {@code "consumer group app_users"},
 *     {@code "job store"}
 * @param up whether it is healthy
 * @param detail what was seen, in words (why it is down, when it is)
 */
public record HealthCheck(String name, boolean up, String detail) {
  /** Checks. */
  public HealthCheck {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(detail, "detail");
  }
}
