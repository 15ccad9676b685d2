package io.karafka.micrometer;

import io.karafka.monitor.Dependencies;
import io.karafka.monitor.Dependency;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code karafka.dependency.up}: 1 while a dependency is up, 0 during an outage, read from its
 * state at each scrape (no I/O). Dependencies tracked later appear at the next {@link #scan()}.
 */
final class DependencyGauges {
  private final MeterRegistry registry;
  private final Dependencies dependencies;
  private final Map<String, Meter> gauges = new ConcurrentHashMap<>();

  DependencyGauges(MeterRegistry registry, Dependencies dependencies) {
    this.registry = registry;
    this.dependencies = dependencies;
  }

  /** Registers a gauge for each dependency tracked since the last scan. */
  void scan() {
    for (Dependency dependency : dependencies.all()) {
      gauges.computeIfAbsent(dependency.name(), name -> Gauge.builder("karafka.dependency.up",
              dependency, d -> d.isUp() ? 1 : 0)
          .description("1 while the dependency is up, 0 during an outage")
          .tag("dependency", name).strongReference(true).register(registry));
    }
  }

  /** Removes the gauges from the registry. */
  void remove() {
    gauges.values().forEach(registry::remove);
  }
}
