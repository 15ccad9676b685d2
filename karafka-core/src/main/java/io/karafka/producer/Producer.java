package io.karafka.producer;

import java.util.List;

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

  /** Flushes and releases connections. Does nothing by default. */
  @Override
  default void close() {}
}
