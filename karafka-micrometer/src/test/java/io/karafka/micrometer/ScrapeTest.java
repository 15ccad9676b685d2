package io.karafka.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.app.KarafkaApp;
import io.karafka.health.Health;
import io.karafka.health.HealthServer;
import io.karafka.health.MetricsScrape;
import io.karafka.monitor.Event;
import io.karafka.monitor.LoggingMonitor;
import io.karafka.monitor.Monitor;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code /metrics} of HealthServer: the Prometheus text when the registry can give it. */
class ScrapeTest {
  @Test
  void aPrometheusRegistryIsScrapedOnHealthServersMetricsEndpoint() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (KarafkaMetrics metrics = new KarafkaMetrics(registry)) {
      KarafkaApp app = app(Monitor.combine(new LoggingMonitor(), metrics));
      app.dependencies().track("job store", "redis://r:6379/0", "messages wait");
      metrics.bind(app);
      app.monitor().notice(new Event.MessagesReceived("scrape_orders", "orders", 3, 7));
      try (HealthServer server = HealthServer.start(Health.of(app),
          new InetSocketAddress("127.0.0.1", 0))) {
        Answer metricsPage = get(server);
        assertEquals(200, metricsPage.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8",
            metricsPage.contentType());
        assertTrue(metricsPage.body().contains("karafka_messages_received_total{group=\""
            + "scrape_orders\",partition=\"3\",topic=\"orders\"} 7.0"), metricsPage.body());
        assertTrue(metricsPage.body().contains("karafka_dependency_up{dependency=\"job store\"}"
            + " 1.0"), metricsPage.body());
      }
    }
  }

  @Test
  void aRegistryThatCannotBeScrapedLeavesTheEndpointWithoutMetrics() throws Exception {
    try (KarafkaMetrics metrics = new KarafkaMetrics(new SimpleMeterRegistry())) {
      KarafkaApp app = app(Monitor.combine(new LoggingMonitor(), metrics));
      try (HealthServer server = HealthServer.start(Health.of(app),
          new InetSocketAddress("127.0.0.1", 0))) {
        assertEquals(404, get(server).statusCode());
      }
    }
  }

  @Test
  void aCompositeIsScrapedThroughItsPrometheusPartAtAnyDepth() {
    CompositeMeterRegistry inner = new CompositeMeterRegistry();
    CompositeMeterRegistry outer = new CompositeMeterRegistry();
    outer.add(new SimpleMeterRegistry());
    outer.add(inner);
    KarafkaMetrics metrics = new KarafkaMetrics(outer);
    assertTrue(metrics.find(MetricsScrape.class).isEmpty(), "no Prometheus registry yet");
    inner.add(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    metrics.notice(new Event.Rebalanced("g", java.util.List.of("t-0"), java.util.List.of()));
    String text = metrics.find(MetricsScrape.class).orElseThrow().scrape();
    assertTrue(text.contains("karafka_rebalances_total{group=\"g\"} 1.0"), text);
    assertEquals(metrics, metrics.find(Monitor.class).orElseThrow(), "other types as before");
    assertTrue(metrics.find(String.class).isEmpty());
    metrics.close();
  }

  private static KarafkaApp app(Monitor monitor) {
    return KarafkaApp.builder().setup(c -> c.name("scrape").monitor(monitor))
        .routes(r -> r.topic("orders").controller(TestControllers.Noop.class)).build();
  }

  /** An answer of {@code /metrics}. */
  private record Answer(int statusCode, String contentType, String body) {}

  private static Answer get(HealthServer server) throws Exception {
    HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + server.port()
        + "/metrics").toURL().openConnection();
    c.setConnectTimeout(10_000);
    c.setReadTimeout(10_000);
    int status = c.getResponseCode();
    try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
      return new Answer(status, c.getContentType(), new String(in.readAllBytes(),
          StandardCharsets.UTF_8));
    } finally {
      c.disconnect();
    }
  }
}
