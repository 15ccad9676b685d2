package io.karafka.consumer;

import io.karafka.message.Message;
import java.util.List;
import java.util.Objects;

/**
 * Messages of one partition, in offset order, as a {@link MessageSource} polled them.
 *
 * @param group the consumer group that polled them
 * @param topic the Kafka topic name (before the topic mapper)
 * @param partition the partition
 * @param messages at least one message, offsets strictly increasing, all of this topic/partition
 * @param topicId Kafka's id of this incarnation of the topic, or {@code ""} when the source does
 *     not know it; it goes into job ids and the job store's per-partition watermark, so that a
 *     recreated topic's messages are not taken for the old ones
 */
public record Batch(String group, String topic, int partition, List<Message> messages,
                    String topicId) {
  /** Validates and copies. */
  public Batch {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(topicId, "topicId");
    messages = List.copyOf(messages);
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("a batch needs at least one message");
    }
    long previous = -1;
    for (Message m : messages) {
      if (!m.topic().equals(topic) || m.partition() != partition) {
        throw new IllegalArgumentException("message " + m + " is not of " + topic + "/"
            + partition);
      }
      if (m.offset() <= previous) {
        throw new IllegalArgumentException("offsets must increase within a batch: " + m.offset()
            + " after " + previous);
      }
      previous = m.offset();
    }
  }

  /** A batch of a source that does not know topic ids ({@code topicId} is {@code ""}). */
  public Batch(String group, String topic, int partition, List<Message> messages) {
    this(group, topic, partition, messages, "");
  }

  /** @return the offset of the first message */
  public long firstOffset() {
    return messages.getFirst().offset();
  }

  /** @return the offset of the last message */
  public long lastOffset() {
    return messages.getLast().offset();
  }
}
