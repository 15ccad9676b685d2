package io.karafka.micrometer;

import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A timer for the per-message path: a count and a total, published as a {@link FunctionTimer}
 * ({@code _count} and {@code _sum} in Prometheus, so rate and mean), at two adds a record. A
 * Micrometer {@code Timer} also keeps a decaying maximum, which costs about four times as much
 * on every message; the job timers, which run once a job, keep it.
 */
final class Durations {
  private final LongAdder count = new LongAdder();
  private final LongAdder nanos = new LongAdder();

  Durations(MeterRegistry registry, String name, String description, Tags tags) {
    FunctionTimer.builder(name, this, d -> d.count.sum(), d -> d.nanos.sum(),
            TimeUnit.NANOSECONDS)
        .description(description).tags(tags).register(registry);
  }

  void record(Duration took) {
    count.increment();
    nanos.add(took.toNanos());
  }
}
