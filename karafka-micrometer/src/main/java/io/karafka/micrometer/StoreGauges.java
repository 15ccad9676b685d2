package io.karafka.micrometer;

import io.karafka.job.JobStore;
import io.karafka.job.JobStoreStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * {@code karafka.store.*}: a job store's queues, running, scheduled, retrying and dead jobs, from
 * {@link JobStore#stats()} called on the metrics thread, never on a scrape's. The gauges read
 * the last sample: an outage keeps the last values (the dependency's state tells the outage) and
 * counts {@code karafka.store.samples.failed}. A queue once seen keeps its gauges (0 when empty).
 */
final class StoreGauges {
  private static final JobStoreStats NONE = new JobStoreStats(Map.of(), 0, 0, 0, 0, 0, 0,
      Map.of());

  private final MeterRegistry registry;
  private final JobStore store;
  private final Supplier<Clock> clock;
  private final List<Meter> meters = new CopyOnWriteArrayList<>();
  private final Map<String, Boolean> queues = new ConcurrentHashMap<>();
  private final Counter failures;
  private volatile Sample last = new Sample(NONE, Instant.EPOCH);

  StoreGauges(MeterRegistry registry, JobStore store, Supplier<Clock> clock) {
    this.registry = registry;
    this.store = store;
    this.clock = clock;
    gauge("karafka.store.running", "jobs leased to workers now", s -> s.running());
    gauge("karafka.store.scheduled", "jobs scheduled for later", s -> s.scheduled());
    gauge("karafka.store.retries", "failed jobs waiting for their retry", s -> s.retries());
    gauge("karafka.store.dead", "jobs in the dead set", s -> s.dead());
    meters.add(FunctionCounter.builder("karafka.store.processed", this,
            g -> g.last.stats().processed())
        .description("jobs completed, as the store counts them (all processes)")
        .register(registry));
    meters.add(FunctionCounter.builder("karafka.store.failed", this,
            g -> g.last.stats().failed())
        .description("failed job runs, as the store counts them (all processes)")
        .register(registry));
    failures = Counter.builder("karafka.store.samples.failed")
        .description("samples of the store's counts that failed (the last values stay)")
        .register(registry);
    meters.add(failures);
  }

  /** Reads the store's counts (on the metrics thread only). */
  void sample() {
    JobStoreStats stats;
    try {
      stats = store.stats();
    } catch (RuntimeException e) {
      failures.increment();
      return;
    }
    last = new Sample(stats, clock.get().instant());
    stats.queued().keySet().forEach(this::queue);
  }

  private void queue(String name) {
    if (queues.putIfAbsent(name, Boolean.TRUE) != null) {
      return;
    }
    meters.add(Gauge.builder("karafka.store.queued", this,
            g -> g.last.stats().queued().getOrDefault(name, 0L))
        .description("jobs waiting in the queue").tag("queue", name).strongReference(true)
        .register(registry));
    meters.add(TimeGauge.builder("karafka.store.queue.latency", this, TimeUnit.SECONDS,
            g -> g.last.latencySeconds(name))
        .description("how long the queue's next job has waited (Sidekiq's queue latency)")
        .tag("queue", name).strongReference(true).register(registry));
  }

  private void gauge(String name, String description, ToDoubleFunction<JobStoreStats> value) {
    meters.add(Gauge.builder(name, this, g -> value.applyAsDouble(g.last.stats()))
        .description(description).strongReference(true).register(registry));
  }

  /** Removes the gauges from the registry. */
  void remove() {
    meters.forEach(registry::remove);
  }

  /** A store's counts and when they were read. */
  private record Sample(JobStoreStats stats, Instant at) {
    double latencySeconds(String queue) {
      return stats.latency(queue, at).toNanos() / 1e9;
    }
  }
}
