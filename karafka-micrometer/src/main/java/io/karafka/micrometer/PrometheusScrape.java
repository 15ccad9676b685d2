package io.karafka.micrometer;

import io.karafka.health.MetricsScrape;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Optional;

/**
 * {@code /metrics} of a Prometheus registry. Loaded only once micrometer-registry-prometheus
 * was found on the class path (see {@link KarafkaMetrics#find}).
 */
final class PrometheusScrape implements MetricsScrape {
  private final PrometheusMeterRegistry registry;

  private PrometheusScrape(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * @param registry the app's registry
   * @return its scrape when it is a Prometheus registry or a composite holding one (at any
   *     depth); else empty
   */
  static Optional<MetricsScrape> of(MeterRegistry registry) {
    if (registry instanceof PrometheusMeterRegistry prometheus) {
      return Optional.of(new PrometheusScrape(prometheus));
    }
    if (registry instanceof CompositeMeterRegistry composite) {
      for (MeterRegistry part : composite.getRegistries()) {
        Optional<MetricsScrape> found = of(part);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public String scrape() {
    return registry.scrape();
  }
}
