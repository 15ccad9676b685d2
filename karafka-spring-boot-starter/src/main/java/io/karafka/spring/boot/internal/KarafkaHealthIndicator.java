package io.karafka.spring.boot.internal;

import io.karafka.health.HealthCheck;
import io.karafka.health.HealthReport;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * One of Karafka's health reports (live or ready, read from the process's server, worker and
 * dependencies each time) as a Spring Boot health indicator: UP when every check is, else DOWN;
 * each check a detail, {@code {"status": "DOWN", "detail": "down since ...: ..."}}.
 */
public final class KarafkaHealthIndicator implements HealthIndicator {
  private final Supplier<HealthReport> report;

  /** @param report e.g. {@code process.health()::ready} */
  public KarafkaHealthIndicator(Supplier<HealthReport> report) {
    this.report = Objects.requireNonNull(report, "report");
  }

  @Override
  public Health health() {
    HealthReport now = report.get();
    Map<String, Object> details = new LinkedHashMap<>();
    for (HealthCheck check : now.checks()) {
      details.putIfAbsent(check.name(), Map.of("status", check.up() ? "UP" : "DOWN",
          "detail", check.detail()));
    }
    return (now.up() ? Health.up() : Health.down()).withDetails(details).build();
  }
}
