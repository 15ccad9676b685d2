package io.karafka.health;

/**
 * What {@code GET /metrics} of {@link HealthServer} serves: the process's metrics in a text
 * format a scraper reads (karafka-micrometer's monitor on a Prometheus registry is one). Found
 * on the app's monitor ({@code monitor.find(MetricsScrape.class)}) unless given to
 * {@link Health#metrics}.
 */
@FunctionalInterface
public interface MetricsScrape {
  /** Prometheus' text exposition format. */
  String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  /** @return the metrics now */
  String scrape();

  /** @return the media type of {@link #scrape()} */
  default String contentType() {
    return PROMETHEUS_TEXT;
  }
}
