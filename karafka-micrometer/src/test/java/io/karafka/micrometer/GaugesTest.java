package io.karafka.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.karafka.app.KarafkaApp;
import io.karafka.controller.Controller;
import io.karafka.job.Job;
import io.karafka.job.Worker;
import io.karafka.monitor.Dependency;
import io.karafka.monitor.Event;
import io.karafka.monitor.Monitor;
import io.karafka.params.RawParams;
import io.karafka.testkit.Await;
import io.karafka.testkit.InMemoryJobStore;
import io.karafka.testkit.InMemoryProducer;
import io.karafka.testkit.MutableClock;
import io.karafka.testkit.RecordingMonitor;
import io.karafka.testkit.TestMessage;
import io.karafka.worker.KarafkaWorker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bound gauges: dependencies, a job store's counts, a worker's threads; close unbinds. */
class GaugesTest {
  private static final Duration LIMIT = Duration.ofSeconds(20);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final KarafkaMetrics metrics = new KarafkaMetrics(registry);
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  /** Every event, to say what happened when a wait runs out. */
  private final RecordingMonitor events = new RecordingMonitor();

  @AfterEach
  void close() {
    metrics.close();
  }

  private KarafkaApp app() {
    return app(TestControllers.Noop::new);
  }

  private KarafkaApp app(Supplier<Controller> controllers) {
    return KarafkaApp.builder().setup(c -> c.name("gauges").clock(clock)
            .monitor(Monitor.combine(metrics, events))
            .jobs(j -> j.concurrency(2).pollInterval(Duration.ofMillis(10))))
        .routes(r -> r.topic("t").controller(controllers)).build();
  }

  @Test
  void aDependencyGaugeFollowsItsStateAndLaterDependenciesAppear() throws Exception {
    KarafkaApp app = app();
    Dependency store = app.dependencies().track("job store", "redis://r:6379/0", "waits");
    metrics.bind(app);
    assertEquals(1, up("job store"));
    store.failed(new IllegalStateException("Connection refused"));
    assertEquals(0, up("job store"));
    store.succeeded();
    assertEquals(1, up("job store"));

    app.dependencies().track("kafka producer", "127.0.0.1:9092", "responses wait");
    Await.within(LIMIT, "a dependency tracked after bind to appear",
        () -> registry.find("karafka.dependency.up").tag("dependency", "kafka producer")
            .gauge() != null);
    assertEquals(1, up("kafka producer"));
    Dependency late = app.dependencies().track("listen", "postgresql://pg/db", "polls");
    late.failed(new IllegalStateException("gone"));
    assertEquals(0, up("listen"), "an outage shows at once, even before the next scan");
  }

  @Test
  void storeGaugesReadTheLastSampleAndKeepItThroughAnOutage() throws Exception {
    InMemoryJobStore store = new InMemoryJobStore(clock);
    store.enqueue(List.of(job(1, "mail"), job(2, "mail"), job(3, "default")));
    clock.advance(Duration.ofSeconds(30));
    store.enqueue(List.of(job(4, "default").scheduledAt(clock.instant().plusSeconds(60))));
    metrics.bind(app()).bind(store, Duration.ofMillis(20));
    Await.within(LIMIT, "the queues sampled", () -> gauge("karafka.store.queued", "mail") == 2);
    assertEquals(1, gauge("karafka.store.queued", "default"));
    assertEquals(30, registry.get("karafka.store.queue.latency").tag("queue", "mail")
        .timeGauge().value(TimeUnit.SECONDS), 0.001);
    assertEquals(1, registry.get("karafka.store.scheduled").gauge().value());

    store.fetch(List.of("mail"), 2, Duration.ZERO);
    Await.within(LIMIT, "running jobs sampled",
        () -> registry.get("karafka.store.running").gauge().value() == 2);
    assertEquals(0, gauge("karafka.store.queued", "mail"), "an empty queue reads 0");
    assertEquals(0, registry.get("karafka.store.queue.latency").tag("queue", "mail")
        .timeGauge().value(TimeUnit.SECONDS));

    store.unavailable(true);
    Await.within(LIMIT, "a failed sample counted",
        () -> registry.get("karafka.store.samples.failed").counter().count() >= 2);
    assertEquals(2, registry.get("karafka.store.running").gauge().value(), "the last values");
    store.unavailable(false);
  }

  @Test
  void workerGaugesTellItsThreads() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    KarafkaApp blocking = app(() -> new TestControllers.Blocking(release));
    InMemoryJobStore store = new InMemoryJobStore(clock);
    try (KarafkaWorker worker = KarafkaWorker.builder(blocking, store, new InMemoryProducer())
        .build()) {
      metrics.bind(worker);
      assertEquals(0, registry.get("karafka.worker.threads.alive").gauge().value());
      worker.start();
      // a job as the server enqueues it: its params encoded by the route's interchanger
      String payload = blocking.route("t").orElseThrow().interchanger().encode(List.of(
          RawParams.of(TestMessage.json("{}").toMessage("t", 0, clock.instant()))));
      store.enqueue(List.of(Job.create("job-1", Worker.named("TWorker"), "t", payload,
          clock.instant())));
      try {
        Await.within(LIMIT, "a thread busy",
            () -> registry.get("karafka.worker.threads.busy").gauge().value() == 1);
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage() + "; worker " + worker.status() + ", store "
            + store.stats() + ", events " + events.events(Event.class), e);
      }
      assertEquals(2, registry.get("karafka.worker.threads.alive").gauge().value());
      assertEquals(0, registry.get("karafka.worker.threads.stuck").gauge().value());
      release.countDown();
      Await.within(LIMIT, "no thread busy",
          () -> registry.get("karafka.worker.threads.busy").gauge().value() == 0);
    }
  }

  @Test
  void closeStopsSamplingAndRemovesTheBoundGauges() throws Exception {
    InMemoryJobStore store = new InMemoryJobStore(clock);
    store.enqueue(List.of(job(1, "mail")));
    metrics.bind(app()).bind(store, Duration.ofMillis(20));
    Await.within(LIMIT, "the queue sampled", () -> registry.find("karafka.store.queued")
        .gauge() != null);
    metrics.close();
    assertNull(registry.find("karafka.store.queued").gauge());
    assertNull(registry.find("karafka.store.running").gauge());
    assertNull(registry.find("karafka.dependency.up").gauge());
    assertThrows(IllegalStateException.class, () -> metrics.bind(store, Duration.ofSeconds(1)));
    assertThrows(IllegalArgumentException.class, () -> new KarafkaMetrics(registry)
        .bind(store, Duration.ZERO));
  }

  private double up(String dependency) {
    return registry.get("karafka.dependency.up").tag("dependency", dependency).gauge().value();
  }

  private double gauge(String name, String queue) {
    Gauge gauge = registry.find(name).tag("queue", queue).gauge();
    return gauge == null ? -1 : gauge.value();
  }

  private Job job(int n, String queue) {
    return Job.create("job-" + n, Worker.named("MailWorker").queue(queue), "t", "{}",
        clock.instant());
  }
}
