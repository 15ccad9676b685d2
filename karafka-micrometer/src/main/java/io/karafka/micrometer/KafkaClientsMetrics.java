package io.karafka.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * kafka-clients' own metrics ({@code kafka.consumer.*}, {@code kafka.producer.*}: fetch and
 * request rates, latencies, bytes, records lag, ...) of the clients the Kafka adapter creates,
 * through Micrometer's {@code KafkaClientMetrics}. Each factory creates the client and binds it;
 * closing the client unbinds it (its meters leave the registry, its refresh thread stops).
 *
 * <pre>{@code
 * KafkaMessageSource source = new KafkaMessageSource(app, KafkaClientsMetrics.consumers(registry));
 * KafkaProducerPool producer = new KafkaProducerPool(app, KafkaClientsMetrics.producers(registry));
 * }</pre>
 *
 * Needs karafka-kafka-adapter (and so kafka-clients) on the class path: karafka-micrometer does
 * not pull them for apps without Kafka. Thread-safe.
 */
public final class KafkaClientsMetrics {
  private KafkaClientsMetrics() {}

  /**
   * @param registry where the consumers' metrics go
   * @return a factory for {@code KafkaMessageSource}'s consumers that binds each one's metrics
   */
  public static Function<Map<String, Object>, Consumer<byte[], byte[]>> consumers(
      MeterRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    return properties -> new MeteredKafkaConsumer(properties, registry);
  }

  /**
   * @param registry where the producers' metrics go
   * @return a factory for {@code KafkaProducerPool}'s producers that binds each one's metrics
   */
  public static Function<Map<String, Object>, Producer<byte[], byte[]>> producers(
      MeterRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    return properties -> new MeteredKafkaProducer(properties, registry);
  }
}
