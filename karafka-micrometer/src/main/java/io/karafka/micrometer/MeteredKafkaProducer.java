package io.karafka.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;

/** A {@code KafkaProducer} whose metrics are bound while it is open. */
final class MeteredKafkaProducer extends KafkaProducer<byte[], byte[]> {
  private final BoundMetrics metrics;

  MeteredKafkaProducer(Map<String, Object> properties, MeterRegistry registry) {
    super(properties);
    this.metrics = new BoundMetrics(new KafkaClientMetrics(this), registry);
  }

  @Override
  public void close() {
    try {
      super.close();
    } finally {
      metrics.release();
    }
  }

  @Override
  public void close(Duration timeout) {
    try {
      super.close(timeout);
    } finally {
      metrics.release();
    }
  }
}
