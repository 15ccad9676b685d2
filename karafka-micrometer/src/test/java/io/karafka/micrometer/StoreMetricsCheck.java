package io.karafka.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.karafka.app.KarafkaApp;
import io.karafka.job.JobStore;
import io.karafka.job.RetryPolicy;
import io.karafka.server.KarafkaServer;
import io.karafka.testkit.Await;
import io.karafka.testkit.InMemoryMessageSource;
import io.karafka.testkit.InMemoryProducer;
import io.karafka.testkit.TestMessage;
import io.karafka.worker.KarafkaWorker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The job meters and the store's gauges against a real job store, extended once per store:
 * three jobs enqueued by a server, two performed, one failing until it is dead.
 */
abstract class StoreMetricsCheck {
  static final Duration LIMIT = Duration.ofSeconds(60);
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final KarafkaMetrics metrics = new KarafkaMetrics(registry);

  /** @return an empty store of the app, reporting to its dependencies */
  abstract JobStore createStore(KarafkaApp app) throws Exception;

  @AfterEach
  void closeMetrics() {
    metrics.close();
  }

  /** @return a background app whose failing jobs are retried once, 200 ms later */
  KarafkaApp app(String name) {
    return KarafkaApp.builder()
        .setup(c -> c.name(name).monitor(metrics).jobs(j -> j.retry(1)
            .retryPolicy(RetryPolicy.fixed(Duration.ofMillis(200)))
            .pollInterval(Duration.ofMillis(50)).concurrency(2)))
        .routes(r -> r.topic("work").controller(TestControllers.Work::new))
        .build();
  }

  @Test
  void jobMetersAndStoreGaugesMoveAsJobsRunFailAndDie() throws Exception {
    KarafkaApp app = app("store_metrics");
    InMemoryMessageSource source = new InMemoryMessageSource(Clock.systemUTC());
    try (JobStore store = createStore(app);
         KarafkaServer server = KarafkaServer.builder(app).source(source)
             .producer(new InMemoryProducer()).jobQueue(store).build();
         KarafkaWorker worker = KarafkaWorker.builder(app, store, new InMemoryProducer())
             .build()) {
      metrics.bind(app).bind(store, Duration.ofMillis(50)).bind(worker);
      server.start();
      source.deliver("work", List.of(TestMessage.json("{\"n\":0}"),
          TestMessage.json("{\"n\":1}"), TestMessage.json("{\"n\":2,\"action\":\"fail\"}")));
      assertEquals(3, count("karafka.jobs.enqueued"));
      Await.within(LIMIT, "three jobs waiting, for a while", () -> gauge("karafka.store.queued")
          == 3 && latency() > 0);

      worker.start();
      Await.within(LIMIT, "two jobs performed, one dead", () -> count("karafka.jobs.performed")
          == 2 && count("karafka.jobs.dead") == 1);
      assertEquals(2, registry.get("karafka.jobs.duration").timer().count());
      assertEquals(2, registry.get("karafka.jobs.latency").timer().count(), "first runs done");
      assertEquals(2, count("karafka.jobs.failed"), "the first run and its retry");
      assertEquals(1, count("karafka.jobs.retried"));
      assertEquals(2, registry.get("karafka.worker.threads.alive").gauge().value());
      Await.within(LIMIT, "the store's counts sampled", () -> gauge("karafka.store.queued") == 0
          && gauge("karafka.store.dead") == 1 && gauge("karafka.store.retries") == 0
          && registry.get("karafka.store.processed").functionCounter().count() == 2
          && registry.get("karafka.store.failed").functionCounter().count() == 2);
      assertEquals(0, latency(), "nothing waits");
      assertEquals(1, gauge("karafka.dependency.up"), "the store is up");
    }
  }

  double count(String name) {
    return registry.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
  }

  /** @return the gauge's value (of the default queue, for a queue's), or -1 when absent */
  double gauge(String name) {
    Gauge gauge = registry.find(name).gauges().stream().filter(g -> g.getId().getTag("queue")
        == null || g.getId().getTag("queue").equals("default")).findFirst().orElse(null);
    return gauge == null ? -1 : gauge.value();
  }

  double latency() {
    TimeGauge gauge = registry.find("karafka.store.queue.latency").tag("queue", "default")
        .timeGauge();
    return gauge == null ? -1 : gauge.value(TimeUnit.MILLISECONDS);
  }
}
