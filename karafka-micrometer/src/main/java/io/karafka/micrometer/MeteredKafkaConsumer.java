package io.karafka.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/** A {@code KafkaConsumer} whose metrics are bound while it is open. */
final class MeteredKafkaConsumer extends KafkaConsumer<byte[], byte[]> {
  private final KafkaClientMetrics metrics;
  private final AtomicBoolean unbound = new AtomicBoolean();

  MeteredKafkaConsumer(Map<String, Object> properties, MeterRegistry registry) {
    super(properties);
    this.metrics = new KafkaClientMetrics(this);
    metrics.bindTo(registry);
  }

  @Override
  public void close() {
    try {
      super.close();
    } finally {
      unbind();
    }
  }

  @Override
  @SuppressWarnings("deprecation")
  public void close(Duration timeout) {
    try {
      super.close(timeout);
    } finally {
      unbind();
    }
  }

  @Override
  public void close(CloseOptions options) {
    try {
      super.close(options);
    } finally {
      unbind();
    }
  }

  private void unbind() {
    if (unbound.compareAndSet(false, true)) {
      metrics.close();
    }
  }
}
