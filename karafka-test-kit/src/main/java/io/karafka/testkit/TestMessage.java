package io.karafka.testkit;

import io.karafka.message.Header;
import io.karafka.message.Message;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A message to feed through {@link KarafkaTestKit} or {@link InMemoryMessageSource}: payload, key,
 * headers, partition and timestamp. The offset is given by the source. Immutable.
 *
 * <pre>{@code
 * TestMessage.json("{\"name\":\"Ada\"}").key("user-1").header("trace", "abc").partition(2)
 * }</pre>
 */
public final class TestMessage {
  private final byte[] payload;
  private final byte[] key;
  private final List<Header> headers;
  private final int partition;
  private final Instant timestamp;

  private TestMessage(byte[] payload, byte[] key, List<Header> headers, int partition,
                      Instant timestamp) {
    this.payload = payload;
    this.key = key;
    this.headers = List.copyOf(headers);
    this.partition = partition;
    this.timestamp = timestamp;
  }

  /** @return a message whose payload is this JSON text (UTF-8) */
  public static TestMessage json(String json) {
    return text(json);
  }

  /** @return a message whose payload is this text (UTF-8) */
  public static TestMessage text(String text) {
    return bytes(Objects.requireNonNull(text, "text").getBytes(StandardCharsets.UTF_8));
  }

  /** @return a message with a binary payload */
  public static TestMessage bytes(byte[] payload) {
    return new TestMessage(Objects.requireNonNull(payload, "payload").clone(), null, List.of(), 0,
        null);
  }

  /** @return a tombstone (no payload) */
  public static TestMessage tombstone() {
    return new TestMessage(null, null, List.of(), 0, null);
  }

  /** @return this message with a text key */
  public TestMessage key(String value) {
    return key(value.getBytes(StandardCharsets.UTF_8));
  }

  /** @return this message with a binary key */
  public TestMessage key(byte[] value) {
    return new TestMessage(payload, value.clone(), headers, partition, timestamp);
  }

  /** @return this message with one more text header */
  public TestMessage header(String name, String value) {
    return header(Header.of(name, value));
  }

  /** @return this message with one more header */
  public TestMessage header(Header header) {
    List<Header> more = new ArrayList<>(headers);
    more.add(header);
    return new TestMessage(payload, key, more, partition, timestamp);
  }

  /** @return this message on another partition (default 0) */
  public TestMessage partition(int value) {
    return new TestMessage(payload, key, headers, value, timestamp);
  }

  /** @return this message with a Kafka timestamp (default: when it is delivered) */
  public TestMessage timestamp(Instant value) {
    return new TestMessage(payload, key, headers, partition, value);
  }

  /** @return the partition */
  public int partition() {
    return partition;
  }

  /** @return the message as a consumer would receive it */
  public Message toMessage(String kafkaTopic, long offset, Instant receivedAt) {
    return new Message(kafkaTopic, partition, offset, key, payload, headers,
        timestamp == null ? receivedAt : timestamp, receivedAt);
  }
}
