package io.karafka.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.app.KarafkaApp;
import io.karafka.consumer.Batch;
import io.karafka.consumer.BatchResult;
import io.karafka.controller.Controller;
import io.karafka.health.Health;
import io.karafka.health.HealthServer;
import io.karafka.job.JobStore;
import io.karafka.message.Message;
import io.karafka.monitor.Dependency;
import io.karafka.monitor.Event;
import io.karafka.monitor.LoggingMonitor;
import io.karafka.monitor.Monitor;
import io.karafka.server.KarafkaServer;
import io.karafka.worker.KarafkaWorker;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The outage drill every job store passes, against its real server: the server is stopped twice
 * while a worker performs jobs and a consumer enqueues. Each outage must be told once down and
 * once back (WARN and INFO lines, typed events) by the consumer's side ({@code "job store"}) and
 * the worker's ({@code "job store (worker)"}); no performed job may run again because its
 * completion failed; within 10 s of the restart, every job is performed and none left leased.
 * Meanwhile {@code /health/ready} of a {@link HealthServer} answers 503 naming both sides while
 * the store is down, 200 once it is back, and {@code /health/live} stays 200.
 *
 * <pre>{@code
 * class RedisOutageIT extends StoreOutageContract {
 *   protected JobStore createStore(KarafkaApp app) { ... app.dependencies() ... }
 *   protected void stopServer() { redis.stopServer(); }
 *   protected void startServer() { redis.startServer(); }
 *   protected String address() { return redis.url(); }
 * }
 * }</pre>
 */
public abstract class StoreOutageContract {
  /** What the drill's jobs performed ({@code "performed N"}), in order. */
  private final List<String> performed = new CopyOnWriteArrayList<>();
  /** The gate the drill's jobs wait for: a closed one per outage, opened once it began. */
  private volatile CountDownLatch hold = new CountDownLatch(0);
  /** The drill's health endpoint: ready flips to 503 with each outage and back. */
  private HealthServer health;

  /**
   * Performs a message whose payload is a number, waiting for the drill's gate first. The drill
   * builds it with its route's factory, handing it the gate and the list to log to.
   */
  public static class HeldController extends Controller {
    private final Supplier<CountDownLatch> gate;
    private final List<String> performed;

    /**
     * No callbacks.
     *
     * @param gate gives the latch to wait for (the drill's current one)
     * @param performed where to add {@code "performed <payload>"}; thread-safe
     */
    public HeldController(Supplier<CountDownLatch> gate, List<String> performed) {
      this.gate = gate;
      this.performed = performed;
    }

    @Override
    protected void perform() throws Exception {
      assertTrue(gate.get().await(60, TimeUnit.SECONDS), "the drill never opened the gate");
      performed.add("performed " + params().value());
    }
  }

  /**
   * @param app the drill's app: pass {@code app.dependencies()} to the store where it takes them
   * @return a new store on the server under test, with an empty namespace or table prefix
   */
  protected abstract JobStore createStore(KarafkaApp app) throws Exception;

  /** Stops the store's server (committed data stays). */
  protected abstract void stopServer() throws Exception;

  /** Starts it again, on the same address and data. */
  protected abstract void startServer() throws Exception;

  /** @return the store's address as its log lines show it */
  protected abstract String address();

  /** @return how long an outage lasts at least (e.g. longer than a heartbeat TTL) */
  protected Duration minimumOutage() {
    return Duration.ZERO;
  }

  /** @return further dependencies of the store that go down and come back with the server */
  protected List<String> moreDependencies() {
    return List.of();
  }

  @Test
  void twoRestartsWhileJobsPerformAreToldOnceEachAndRunNoJobTwice() throws Exception {
    RecordingMonitor events = new RecordingMonitor();
    LogLines log = new LogLines();
    KarafkaApp app = KarafkaApp.builder()
        .setup(c -> c.name("outage").monitor(Monitor.combine(events, new LoggingMonitor(log)))
            .parser(new InMemoryParser()).interchanger(new InMemoryInterchanger())
            .jobs(j -> j.retry(0).pollInterval(Duration.ofMillis(50)).concurrency(2)))
        .routes(r -> r.topic("work").controller(() -> new HeldController(() -> hold, performed)))
        .build();
    List<String> dependencies = new ArrayList<>(List.of("job store", "job store (worker)"));
    dependencies.addAll(moreDependencies());
    try (JobStore store = createStore(app);
         KarafkaWorker worker = KarafkaWorker.builder(app, store, new InMemoryProducer())
             .build()) {
      InMemoryMessageSource source = new InMemoryMessageSource(Clock.systemUTC());
      KarafkaServer server = KarafkaServer.builder(app).source(source)
          .producer(new InMemoryProducer()).jobQueue(store).build();
      server.start();
      worker.start();
      health = HealthServer.start(Health.of(app).server(server).worker(worker),
          new InetSocketAddress("127.0.0.1", 0));
      assertEquals(200, get("/health/ready").status(), "ready before the outages");
      List<String> expected = new ArrayList<>();
      for (int outage = 1; outage <= 2; outage++) {
        hold = new CountDownLatch(1);
        long first = outage * 10L;
        for (long n = first; n < first + 4; n++) {
          assertEquals(new BatchResult.Handled(n + 1), consume(source, n));
          expected.add("performed " + n);
        }
        Await.within(Duration.ofSeconds(30), "two jobs running", () -> worker.running() == 2);

        stopServer();
        hold.countDown(); // the two running jobs perform while the store is down
        int told = outage;
        Await.within(Duration.ofSeconds(30), "the worker's outage told",
            () -> count(events, Event.DependencyDown.class, "job store (worker)") == told);
        assertInstanceOf(BatchResult.Failed.class, consume(source, first + 4));
        assertEquals(told, count(events, Event.DependencyDown.class, "job store"),
            "the consumer's side told once");
        Dependency workerSide = app.dependencies().all().stream()
            .filter(d -> d.name().equals("job store (worker)")).findFirst().orElseThrow();
        HttpAnswer ready = get("/health/ready");
        assertEquals(503, ready.status(), "not ready while the store is down");
        for (String side : List.of("job store", "job store (worker)")) {
          assertTrue(ready.body().contains("{\"name\":\"" + side + "\",\"status\":\"DOWN\""),
              ready.body());
        }
        assertEquals(200, get("/health/live").status(), "live while the store is down");
        Await.within(Duration.ofSeconds(30), "an outage of several attempts and "
            + minimumOutage(), () -> workerSide.failedAttempts() >= 3 && workerSide.downSince()
            .filter(t -> t.isBefore(Instant.now().minus(minimumOutage()))).isPresent());

        startServer();
        Await.within(Duration.ofSeconds(10), "every job performed and none left leased",
            () -> performed.containsAll(expected) && running(store) == 0);
        assertEquals(new BatchResult.Handled(first + 5), consume(source, first + 4));
        expected.add("performed " + (first + 4));
        Await.within(Duration.ofSeconds(10), "every recovery told", () -> dependencies.stream()
            .allMatch(d -> count(events, Event.DependencyRecovered.class, d) == told));
        assertEquals(200, get("/health/ready").status(), "ready again once it is back");
      }
      Await.within(Duration.ofSeconds(10), "the last job", () -> performed.containsAll(expected));
      assertEquals(expected.stream().sorted().toList(), performed.stream().sorted().toList(),
          "every job performed exactly once");
      for (String dependency : dependencies) {
        String at = dependency + " at " + address();
        assertEquals(2, count(events, Event.DependencyDown.class, dependency), dependency);
        assertEquals(2, log.count("WARNING " + at + " unavailable: "), log.lines().toString());
        assertEquals(2, log.count("INFO " + at + " recovered after "), log.lines().toString());
      }
    }
  }

  /** Stops the drill's health endpoint. */
  @AfterEach
  void stopHealth() {
    if (health != null) {
      health.close();
    }
  }

  private HttpAnswer get(String path) throws java.io.IOException {
    return HttpAnswer.get("http://127.0.0.1:" + health.port() + path);
  }

  private static long running(JobStore store) {
    try {
      return store.stats().running();
    } catch (RuntimeException stillDown) {
      return -1;
    }
  }

  /** Consumes one message through the server, as its source would. */
  private static BatchResult consume(InMemoryMessageSource source, long offset) {
    Message message = TestMessage.text(String.valueOf(offset)).toMessage("work", offset,
        Instant.now());
    return source.deliver(new Batch("outage_work", "work", 0, List.of(message)));
  }

  private static long count(RecordingMonitor events, Class<? extends Event> type,
                            String dependency) {
    return events.events(type).stream().filter(e -> switch (e) {
      case Event.DependencyDown d -> d.dependency().equals(dependency);
      case Event.DependencyRecovered r -> r.dependency().equals(dependency);
      default -> false;
    }).count();
  }
}
