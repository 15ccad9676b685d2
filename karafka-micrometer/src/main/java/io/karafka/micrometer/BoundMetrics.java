package io.karafka.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.util.concurrent.atomic.AtomicBoolean;

/** A Kafka client's own metrics, bound while the client is open and released once. */
final class BoundMetrics {
  private final KafkaClientMetrics metrics;
  private final AtomicBoolean released = new AtomicBoolean();

  BoundMetrics(KafkaClientMetrics metrics, MeterRegistry registry) {
    this.metrics = metrics;
    metrics.bindTo(registry);
  }

  /** Removes the client's meters; later calls do nothing. */
  void release() {
    if (released.compareAndSet(false, true)) {
      metrics.close();
    }
  }
}
