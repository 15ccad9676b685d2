package io.karafka.producer;

import io.karafka.message.Header;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A message a responder sends: topic (Kafka's name, after the topic mapper), payload,
 * partitioning and headers.
 *
 * @param topic the Kafka topic
 * @param payload the bytes made by the route's parser
 * @param partitioning any partition, a fixed one, or a partition key
 * @param headers headers to send (copied)
 */
public record OutgoingMessage(String topic, byte[] payload, Partitioning partitioning,
                              List<Header> headers) {
  /** Validates and copies. */
  public OutgoingMessage {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(partitioning, "partitioning");
    headers = List.copyOf(headers);
  }

  /** @return the payload as UTF-8 text */
  public String payloadString() {
    return new String(payload, java.nio.charset.StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OutgoingMessage m && topic.equals(m.topic)
        && Arrays.equals(payload, m.payload) && partitioning.equals(m.partitioning)
        && headers.equals(m.headers);
  }

  @Override
  public int hashCode() {
    return Objects.hash(topic, Arrays.hashCode(payload), partitioning, headers);
  }

  @Override
  public String toString() {
    return "OutgoingMessage[" + topic + ", " + partitioning + ", " + payload.length + " bytes]";
  }
}
