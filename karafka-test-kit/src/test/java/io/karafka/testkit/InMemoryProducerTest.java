package io.karafka.testkit;

import io.karafka.producer.OutgoingMessage;
import io.karafka.producer.Partitioning;
import io.karafka.producer.Producer;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** The producer contract on the test kit's fake, which keeps messages as they were sent. */
class InMemoryProducerTest extends ProducerContract {
  private int topics;

  @Override
  protected Producer createProducer() {
    return new InMemoryProducer();
  }

  @Override
  protected String createTopic(int partitions) {
    return "topic-" + (++topics);
  }

  @Override
  protected List<Delivered> delivered(String topic) {
    return ((InMemoryProducer) producer).sent(topic).stream().map(m -> new Delivered(
        m.partitioning() instanceof Partitioning.Partition p ? OptionalInt.of(p.partition())
            : OptionalInt.empty(),
        m.partitioning() instanceof Partitioning.Key k ? Optional.of(k.key()) : Optional.empty(),
        m.payload(), m.headers())).toList();
  }

  @Override
  protected List<OutgoingMessage> unacknowledgeable(Producer producer, String topic) {
    ((InMemoryProducer) producer).failNextSend();
    return List.of(message(topic, "refused", Partitioning.any()));
  }
}
