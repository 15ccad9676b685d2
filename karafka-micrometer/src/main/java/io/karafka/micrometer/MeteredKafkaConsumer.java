package io.karafka.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/** A {@code KafkaConsumer} whose metrics are bound while it is open. */
final class MeteredKafkaConsumer extends KafkaConsumer<byte[], byte[]> {
  private final BoundMetrics metrics;

  MeteredKafkaConsumer(Map<String, Object> properties, MeterRegistry registry) {
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
  @SuppressWarnings("deprecation")
  public void close(Duration timeout) {
    try {
      super.close(timeout);
    } finally {
      metrics.release();
    }
  }

  @Override
  public void close(CloseOptions options) {
    try {
      super.close(options);
    } finally {
      metrics.release();
    }
  }
}
