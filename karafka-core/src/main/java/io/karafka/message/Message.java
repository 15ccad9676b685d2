package io.karafka.message;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One message as it came from Kafka: coordinates, key, payload, headers and times. Arrays are not
 * copied: treat them as read-only.
 *
 * @param topic the topic name (Kafka's name when it leaves the consumer; the application's name,
 *     after the topic mapper, once routed)
 * @param partition the partition number, zero or more
 * @param offset the offset within the partition, zero or more
 * @param key the record key, or null when the record has none
 * @param payload the record value, or null for a tombstone
 * @param headers the record headers in order (copied)
 * @param timestamp the record's timestamp as Kafka gave it
 * @param receivedAt when the consumer received it
 */
public record Message(String topic, int partition, long offset, byte[] key, byte[] payload,
                      List<Header> headers, Instant timestamp, Instant receivedAt) {
  /** Validates coordinates and copies the headers. */
  public Message {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(receivedAt, "receivedAt");
    if (partition < 0) {
      throw new IllegalArgumentException("partition must be >= 0, was " + partition);
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be >= 0, was " + offset);
    }
    headers = List.copyOf(headers);
  }

  /** @return the key decoded as UTF-8, when there is one */
  public Optional<String> keyString() {
    return key == null ? Optional.empty() : Optional.of(new String(key, StandardCharsets.UTF_8));
  }

  /** @return the last header with that name, when there is one */
  public Optional<Header> header(String name) {
    for (int i = headers.size() - 1; i >= 0; i--) {
      if (headers.get(i).key().equals(name)) {
        return Optional.of(headers.get(i));
      }
    }
    return Optional.empty();
  }

  /** @return the same message under another topic name */
  public Message withTopic(String newTopic) {
    return new Message(newTopic, partition, offset, key, payload, headers, timestamp, receivedAt);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Message m && topic.equals(m.topic) && partition == m.partition
        && offset == m.offset && Arrays.equals(key, m.key) && Arrays.equals(payload, m.payload)
        && headers.equals(m.headers) && timestamp.equals(m.timestamp)
        && receivedAt.equals(m.receivedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(topic, partition, offset, Arrays.hashCode(key), Arrays.hashCode(payload));
  }

  @Override
  public String toString() {
    return topic + "/" + partition + "@" + offset;
  }
}
