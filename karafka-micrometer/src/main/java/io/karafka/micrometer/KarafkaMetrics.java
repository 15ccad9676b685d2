package io.karafka.micrometer;

import io.karafka.app.KarafkaApp;
import io.karafka.health.MetricsScrape;
import io.karafka.job.JobStore;
import io.karafka.monitor.Event;
import io.karafka.monitor.Monitor;
import io.karafka.server.KarafkaServer;
import io.karafka.worker.KarafkaWorker;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Karafka's metrics on a Micrometer {@link MeterRegistry}: a {@link Monitor} that counts and
 * times every event ({@code karafka.messages.*}, {@code karafka.jobs.*}, rebalances, outages,
 * errors), and gauges bound to the app's dependencies, a server's consumer lag, a worker's threads
 * and a job store's queues. karafka-micrometer's README lists every meter with its tags.
 *
 * <pre>{@code
 * PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
 * KarafkaMetrics metrics = new KarafkaMetrics(registry);
 * KarafkaApp app = KarafkaApp.builder()
 *     .setup(config -> config.monitor(Monitor.combine(new LoggingMonitor(), metrics)))
 *     ...
 *     .build();
 * metrics.bind(app).bind(server).bind(store, Duration.ofSeconds(5));
 * }</pre>
 *
 * Meters are registered on first use and kept per tag set, so an event costs a map lookup and
 * an increment. Tags are bounded: groups, topics, partitions, controllers, queues, workers,
 * dependencies and error classes, never offsets, job ids or messages. With a Prometheus registry
 * (or a composite holding one), {@link #find find(MetricsScrape.class)} answers the scrape that
 * {@code HealthServer} serves on {@code /metrics}.
 *
 * <p>Thread-safe. {@link #close()} stops the metrics thread of the sampled gauges and removes the
 * bound gauges; counters and timers stay.
 */
public final class KarafkaMetrics implements Monitor, AutoCloseable {
  /** How often a server's lag and new dependencies are read. */
  private static final Duration EVERY_SECOND = Duration.ofSeconds(1);
  private static final boolean PROMETHEUS = onClassPath(
      "io.micrometer.prometheusmetrics.PrometheusMeterRegistry");

  private final MeterRegistry registry;
  private final EventMeters events;
  private final Sampler sampler = new Sampler();
  private final List<Runnable> unbind = new CopyOnWriteArrayList<>();
  private volatile Clock clock = Clock.systemUTC();
  private volatile DependencyGauges dependencies;

  /** @param registry where the meters go */
  public KarafkaMetrics(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.events = new EventMeters(registry, () -> clock);
  }

  @Override
  public void notice(Event event) {
    events.record(event);
    if (event instanceof Event.DependencyDown) {
      DependencyGauges gauges = dependencies;
      if (gauges != null) {
        gauges.scan(); // a dependency tracked since the last scan shows as down at once
      }
    }
  }

  /**
   * Binds {@code karafka.dependency.up} for each of the app's dependencies, those tracked later
   * too (read again every second, and at once on an outage), and measures job latencies on the
   * app's clock from now on.
   *
   * @return this
   */
  public synchronized KarafkaMetrics bind(KarafkaApp app) {
    Objects.requireNonNull(app, "app");
    DependencyGauges gauges = new DependencyGauges(registry, app.dependencies());
    sampler.every(EVERY_SECOND, gauges::scan);
    clock = app.config().clock();
    gauges.scan();
    dependencies = gauges;
    unbind.add(gauges::remove);
    return this;
  }

  /**
   * Binds {@code karafka.consumer.lag} per partition and {@code karafka.consumer.partitions} per
   * group, read from {@link KarafkaServer#groups()} every second on the metrics thread.
   *
   * @return this
   */
  public synchronized KarafkaMetrics bind(KarafkaServer server) {
    LagGauges gauges = new LagGauges(registry, Objects.requireNonNull(server, "server"));
    sampler.every(EVERY_SECOND, gauges::sample);
    unbind.add(gauges::remove);
    return this;
  }

  /**
   * Binds {@code karafka.worker.threads.alive}, {@code .busy} and {@code .stuck}, read from
   * {@link KarafkaWorker#status()} at each scrape. One worker per registry.
   *
   * @return this
   */
  public synchronized KarafkaMetrics bind(KarafkaWorker worker) {
    Objects.requireNonNull(worker, "worker");
    sampler.check();
    WorkerGauges gauges = new WorkerGauges(registry, worker);
    unbind.add(gauges::remove);
    return this;
  }

  /**
   * Binds {@code karafka.store.*}: the store's queues, their latency, running, scheduled,
   * retrying and dead jobs, read by {@link JobStore#stats()} at once and then every
   * {@code every} on the metrics thread (a daemon), never by a scrape. One store per registry.
   *
   * @param every how often to read the store (a query or a few Redis commands each time)
   * @return this
   */
  public synchronized KarafkaMetrics bind(JobStore store, Duration every) {
    Objects.requireNonNull(store, "store");
    if (every == null || every.isNegative() || every.isZero()) {
      throw new IllegalArgumentException("every must be positive, was " + every
          + "; e.g. Duration.ofSeconds(5)");
    }
    sampler.check();
    StoreGauges gauges = new StoreGauges(registry, store, () -> clock);
    sampler.every(every, gauges::sample);
    unbind.add(gauges::remove);
    return this;
  }

  /**
   * @return for {@code MetricsScrape.class}, the Prometheus text of the registry when it is a
   *     {@code PrometheusMeterRegistry} or a composite holding one (what {@code HealthServer}
   *     serves on {@code /metrics}), else empty; for other types, as any monitor
   */
  @Override
  public <T> Optional<T> find(Class<T> type) {
    if (type == MetricsScrape.class) {
      return PROMETHEUS ? PrometheusScrape.of(registry).map(type::cast) : Optional.empty();
    }
    return Monitor.super.find(type);
  }

  /** Stops the metrics thread and removes the bound gauges; counters and timers stay. */
  @Override
  public synchronized void close() {
    sampler.close();
    unbind.forEach(Runnable::run);
    unbind.clear();
    dependencies = null;
  }

  private static boolean onClassPath(String name) {
    try {
      Class.forName(name, false, KarafkaMetrics.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
