package io.karafka.testkit;

import io.karafka.consumer.MessageSource;
import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;

/** The message source contract on the in-memory fake the test kit runs apps on. */
class InMemoryMessageSourceTest extends MessageSourceContract {
  private int topics;

  @Override
  protected MessageSource createSource() {
    return new InMemoryMessageSource(Clock.systemUTC());
  }

  @Override
  protected String createTopic(int partitions) {
    return "memory-contract-" + (++topics);
  }

  /** Delivers on a thread of its own, as a broker's source would, so the test never blocks. */
  @Override
  protected void publish(MessageSource source, String topic, int partition,
                         List<String> payloads) {
    List<TestMessage> messages = payloads.stream()
        .map(p -> TestMessage.text(p).partition(partition)).toList();
    Thread.ofPlatform().name("deliver-" + topic + "-" + partition)
        .start(() -> ((InMemoryMessageSource) source).deliver(topic, messages));
  }

  @Override
  protected OptionalLong committed(MessageSource source, String group, String topic,
                                   int partition) {
    return ((InMemoryMessageSource) source).committed(topic, partition);
  }
}
