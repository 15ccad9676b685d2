package io.karafka.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.app.KarafkaApp;
import io.karafka.consumer.BatchHandler;
import io.karafka.consumer.GroupStatus;
import io.karafka.consumer.MessageSource;
import io.karafka.consumer.Subscription;
import io.karafka.controller.Controller;
import io.karafka.health.Health;
import io.karafka.health.HealthCheck;
import io.karafka.health.HealthReport;
import io.karafka.health.HealthServer;
import io.karafka.health.MetricsScrape;
import io.karafka.monitor.Dependency;
import io.karafka.monitor.Monitor;
import io.karafka.server.KarafkaServer;
import io.karafka.worker.KarafkaWorker;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Health from a server, a worker and the app's dependencies, served over HTTP. */
class HealthTest {
  private final HttpClient http = HttpClient.newHttpClient();

  /** Blocks until released, ignoring interrupts: a job stuck past its timeout. */
  static final class StuckController extends Controller {
    private final CountDownLatch release;

    StuckController(CountDownLatch release) {
      this.release = release;
    }

    @Override
    protected void perform() {
      while (release.getCount() > 0) {
        try {
          release.await();
        } catch (InterruptedException ignored) {
          // a stuck job: it does not answer the watchdog's interrupt
        }
      }
    }
  }

  /** A source whose one group's poll loop came back at a set time. */
  record StalledSource(Instant lastPoll) implements MessageSource {
    @Override
    public void start(List<Subscription> subscriptions, BatchHandler handler) {}

    @Override
    public List<GroupStatus> groups() {
      return List.of(new GroupStatus("app_orders", true, 4, Optional.of(lastPoll),
          Duration.ofMinutes(5), List.of()));
    }

    @Override
    public void close() {}
  }

  private static HttpAnswer get(HealthServer server, String path) throws Exception {
    return HttpAnswer.get("http://127.0.0.1:" + server.port() + path);
  }

  private static KarafkaApp app(CountDownLatch release) {
    return TestApps.app(c -> c.inlineMode(false).jobs(j -> j.concurrency(1)
            .timeout(Duration.ofMillis(50)).shutdownTimeout(Duration.ofSeconds(5))),
        r -> r.topic("orders").controller(() -> new StuckController(release)));
  }

  @Test
  void readyFollowsTheDependenciesAndLiveStaysUpMeanwhile() throws Exception {
    KarafkaApp app = app(new CountDownLatch(0));
    InMemoryMessageSource source = new InMemoryMessageSource(app.config().clock());
    try (KarafkaServer server = KarafkaServer.builder(app).source(source)
        .producer(new InMemoryProducer()).jobQueue(new InMemoryJobStore(app.config().clock()))
        .build();
         HealthServer http = HealthServer.start(Health.of(app).server(server),
             new InetSocketAddress("127.0.0.1", 0))) {
      assertEquals(503, get(http, "/health/live").status(), "not started yet");
      server.start();
      HttpAnswer ready = get(http, "/health/ready");
      assertEquals(200, ready.status(), ready.body());
      assertEquals("application/json", ready.contentType());
      assertTrue(ready.body().contains("{\"name\":\"partitions of consumer group"
          + " test_app_orders\",\"status\":\"UP\",\"detail\":\"1 partitions held\"}"),
          ready.body());

      Dependency store = app.dependencies().all().stream()
          .filter(d -> d.name().equals("job store")).findFirst().orElseThrow();
      store.failed(new IllegalStateException("store", new ConnectException("Connection"
          + " refused")));
      ready = get(http, "/health/ready");
      assertEquals(503, ready.status());
      assertTrue(ready.body().startsWith("{\"status\":\"DOWN\""), ready.body());
      assertTrue(ready.body().contains("\"name\":\"job store\",\"status\":\"DOWN\",\"detail\":"
          + "\"down since "), ready.body());
      assertTrue(ready.body().contains("Connection refused; messages of background routes wait"
          + " in Kafka"), ready.body());
      assertEquals(200, get(http, "/health/live").status(), "an outage is not death");

      store.succeeded();
      assertEquals(200, get(http, "/health/ready").status());
      server.close();
      HttpAnswer live = get(http, "/health/live");
      assertEquals(503, live.status());
      assertTrue(live.body().contains("{\"name\":\"server\",\"status\":\"DOWN\",\"detail\":"
          + "\"not running\"}"), live.body());
    }
  }

  @Test
  void aPollLoopAwayLongerThanMaxPollIntervalIsNotLive() {
    Instant now = Instant.parse("2026-11-30T12:00:00Z");
    KarafkaApp app = TestApps.app(c -> c.inlineMode(false).clock(java.time.Clock.fixed(now,
        java.time.ZoneOffset.UTC)), r -> r.topic("orders")
        .controller(() -> new StuckController(new CountDownLatch(0))));
    try (KarafkaServer stalled = KarafkaServer.builder(app)
        .source(new StalledSource(now.minus(Duration.ofMinutes(6))))
        .producer(new InMemoryProducer()).jobQueue(new InMemoryJobStore(app.config().clock()))
        .build()) {
      stalled.start();
      HealthReport live = Health.of(app).server(stalled).live();
      assertFalse(live.up());
      assertEquals(List.of(new HealthCheck("consumer group app_orders", false, "poll loop came"
          + " back 360000 ms ago, longer than max.poll.interval.ms (300000 ms): stuck")),
          live.down());
    }
  }

  @Test
  void aServerWhoseGroupsAreNotSetUpYetIsNotReady() {
    KarafkaApp app = app(new CountDownLatch(0));
    MessageSource starting = new MessageSource() {
      @Override
      public void start(List<Subscription> subscriptions, BatchHandler handler) {}

      @Override
      public boolean assigned() {
        return false; // its consumers are still being created: no group to report yet
      }

      @Override
      public void close() {}
    };
    try (KarafkaServer server = KarafkaServer.builder(app).source(starting)
        .producer(new InMemoryProducer()).jobQueue(new InMemoryJobStore(app.config().clock()))
        .build()) {
      server.start();
      Health health = Health.of(app).server(server);
      assertTrue(health.live().up());
      assertEquals(List.of(new HealthCheck("consuming", false, "waiting for the consumer groups"
          + " to start and be assigned partitions")), health.ready().down());
    }
  }

  @Test
  void aWorkerWhoseThreadsAreAllStuckPastTheTimeoutIsNotLive() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (KarafkaTestKit kit = KarafkaTestKit.of(app(release))) {
      kit.publish("orders", TestMessage.text("{}"));
      KarafkaWorker worker = KarafkaWorker.builder(kit.app(), kit.jobStore(), kit.producer())
          .build();
      Health health = Health.of(kit.app()).worker(worker);
      worker.start();
      try {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (health.live().up() && System.nanoTime() < deadline) {
          Thread.onSpinWait();
        }
        assertEquals(List.of(new HealthCheck("worker", false, "1 of 1 threads alive, 1 busy, 1"
            + " stuck past their job's timeout")), health.live().down());
        release.countDown();
        while (!health.live().up() && System.nanoTime() < deadline) {
          Thread.onSpinWait();
        }
        assertTrue(health.live().up(), health.live().toString());
      } finally {
        release.countDown();
        worker.close();
      }
      assertFalse(health.live().up(), "a closed worker is not live");
    }
  }

  @Test
  void metricsComeFromTheMonitorOrAreExplained() throws Exception {
    MetricsScrape scrape = () -> "karafka_messages_consumed_total 3.0\n";
    Monitor scraping = new ScrapingMonitor(scrape);
    KarafkaApp withMetrics = TestApps.app(c -> c.monitor(Monitor.combine(Monitor.none(),
        scraping)), r -> r.topic("orders").controller(() -> new StuckController(
        new CountDownLatch(0))));
    try (HealthServer http = HealthServer.start(Health.of(withMetrics),
        new InetSocketAddress("127.0.0.1", 0));
         HealthServer none = HealthServer.start(Health.of(app(new CountDownLatch(0))),
             new InetSocketAddress("127.0.0.1", 0))) {
      HttpAnswer metrics = get(http, "/metrics");
      assertEquals(200, metrics.status());
      assertEquals("karafka_messages_consumed_total 3.0\n", metrics.body());
      assertEquals(MetricsScrape.PROMETHEUS_TEXT,
          metrics.contentType());

      HttpAnswer missing = get(none, "/metrics");
      assertEquals(404, missing.status());
      assertTrue(missing.body().startsWith("no metrics: the app's monitor cannot be scraped"));
      assertEquals(404, get(none, "/healthz").status());
      assertEquals(405, this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
          + none.port() + "/health/live")).POST(HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode());
      assertEquals(200, get(none, "/health/live").status(), "nothing to check is live");
    }
  }

  @Test
  void reportsAreEscapedJson() {
    assertEquals("{\"status\":\"DOWN\",\"checks\":[{\"name\":\"a \\\"b\\\"\",\"status\":"
        + "\"DOWN\",\"detail\":\"line\\nnext \\\\ \\u0001\"}]}", new HealthReport(List.of(
            new HealthCheck("a \"b\"", false, "line\nnext \\ \u0001"))).toJson());
  }

  @Test
  void anAddressInUseIsNamed() {
    try (HealthServer first = HealthServer.start(Health.of(app(new CountDownLatch(0))),
        new InetSocketAddress("127.0.0.1", 0))) {
      IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(
          IllegalStateException.class, () -> HealthServer.start(Health.of(app(
              new CountDownLatch(0))), new InetSocketAddress("127.0.0.1", first.port())));
      assertTrue(e.getMessage().startsWith("the health endpoint cannot listen on port "
          + first.port()), e.getMessage());
    }
  }

  /** A monitor that can be scraped, as karafka-micrometer's is. */
  record ScrapingMonitor(MetricsScrape metrics) implements Monitor, MetricsScrape {
    @Override
    public void notice(io.karafka.monitor.Event event) {}

    @Override
    public String scrape() {
      return metrics.scrape();
    }
  }
}
