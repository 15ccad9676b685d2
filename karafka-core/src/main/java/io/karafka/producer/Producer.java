package io.karafka.producer;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Sends messages to Kafka. Karafka calls it with the whole validated response of one controller
 * action; {@link #send} returns only once every message is acknowledged, so a consumer in inline
 * mode commits a message's offset only after its responses are safe.
 *
 * <p>Implementations must be thread-safe. The Kafka adapter implements it with a pooled
 * {@code KafkaProducer}; the test kit has an {@code InMemoryProducer}.
 */
public interface Producer extends AutoCloseable {
  /**
   * @param messages the messages, sent in order
   * @throws ProducerException when any could not be acknowledged
   */
  void send(List<OutgoingMessage> messages);

  /**
   * Sends without waiting: the future completes once every message is acknowledged, or
   * completes exceptionally with a {@link ProducerException}. The worker completes a job only
   * then, so a job that responds holds no thread for the round trip. The future may complete on
   * the producer's own I/O thread: continue with an executor of yours, never block there. The
   * default calls {@link #send} and returns a completed future.
   *
   * @param messages the messages, sent in order
   * @return completes when all are acknowledged
   */
  default CompletableFuture<Void> sendAsync(List<OutgoingMessage> messages) {
    try {
      send(messages);
      return CompletableFuture.completedFuture(null);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Flushes and releases connections. Does nothing by default. */
  @Override
  default void close() {}
}
