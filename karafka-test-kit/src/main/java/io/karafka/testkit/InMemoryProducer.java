package io.karafka.testkit;

import io.karafka.producer.OutgoingMessage;
import io.karafka.producer.Producer;
import io.karafka.producer.ProducerException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps what was sent instead of sending it. {@link #failNextSend} makes the next send fail, as
 * an unreachable broker would. Thread-safe.
 */
public final class InMemoryProducer implements Producer {
  private final List<OutgoingMessage> sent = new CopyOnWriteArrayList<>();
  private final AtomicReference<RuntimeException> nextFailure = new AtomicReference<>();

  @Override
  public void send(List<OutgoingMessage> messages) {
    RuntimeException failure = nextFailure.getAndSet(null);
    if (failure != null) {
      throw failure;
    }
    sent.addAll(messages);
  }

  /** @return every message sent, in order */
  public List<OutgoingMessage> sent() {
    return List.copyOf(sent);
  }

  /** @return the messages sent to one Kafka topic, in order */
  public List<OutgoingMessage> sent(String topic) {
    return sent.stream().filter(m -> m.topic().equals(topic)).toList();
  }

  /** Makes the next {@link #send} throw a {@link ProducerException} and send nothing. */
  public void failNextSend() {
    nextFailure.set(new ProducerException("InMemoryProducer: simulated send failure"));
  }

  /** Forgets what was sent. */
  public void clear() {
    sent.clear();
  }
}
