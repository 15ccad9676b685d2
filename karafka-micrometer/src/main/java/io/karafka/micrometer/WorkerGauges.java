package io.karafka.micrometer;

import io.karafka.worker.KarafkaWorker;
import io.karafka.worker.WorkerStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * {@code karafka.worker.threads.*}: a worker's threads alive, busy with a job and stuck past
 * its timeout, read from {@link KarafkaWorker#status()} at each scrape (in memory, no I/O).
 */
final class WorkerGauges {
  private final MeterRegistry registry;
  private final List<Meter> gauges;

  WorkerGauges(MeterRegistry registry, KarafkaWorker worker) {
    this.registry = registry;
    this.gauges = List.of(
        gauge(registry, worker, "alive", "worker threads alive", WorkerStatus::alive),
        gauge(registry, worker, "busy", "worker threads performing a job", WorkerStatus::busy),
        gauge(registry, worker, "stuck", "worker threads whose job ran past its timeout and"
            + " did not come back from the interrupt", WorkerStatus::stuck));
  }

  private static Meter gauge(MeterRegistry registry, KarafkaWorker worker, String state,
                             String description, ToIntFunction<WorkerStatus> value) {
    return Gauge.builder("karafka.worker.threads." + state, worker,
            w -> value.applyAsInt(w.status()))
        .description(description).strongReference(true).register(registry);
  }

  /** Removes the gauges from the registry. */
  void remove() {
    gauges.forEach(registry::remove);
  }
}
