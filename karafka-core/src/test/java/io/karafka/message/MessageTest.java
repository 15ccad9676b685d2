package io.karafka.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MessageTest {
  private static final Instant SENT = Instant.parse("2024-05-01T10:00:00Z");
  private static final Instant RECEIVED = Instant.parse("2024-05-01T10:00:01Z");

  private static byte[] bytes(String text) {
    return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
  }

  private static Message message(String key, String payload, List<Header> headers) {
    return new Message("users", 1, 5, bytes(key), bytes(payload), headers, SENT, RECEIVED);
  }

  @Test
  void negativePartitionIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Message("t", -1, 0, null, null, List.of(), SENT, RECEIVED));

    assertEquals("partition must be >= 0, was -1", e.getMessage());
  }

  @Test
  void negativeOffsetIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Message("t", 0, -1, null, null, List.of(), SENT, RECEIVED));

    assertEquals("offset must be >= 0, was -1", e.getMessage());
  }

  @Test
  void topicAndTimesAreRequired() {
    assertEquals("topic", assertThrows(NullPointerException.class,
        () -> new Message(null, 0, 0, null, null, List.of(), SENT, RECEIVED)).getMessage());
    assertEquals("timestamp", assertThrows(NullPointerException.class,
        () -> new Message("t", 0, 0, null, null, List.of(), null, RECEIVED)).getMessage());
    assertEquals("receivedAt", assertThrows(NullPointerException.class,
        () -> new Message("t", 0, 0, null, null, List.of(), SENT, null)).getMessage());
  }

  @Test
  void headersAreCopied() {
    List<Header> headers = new ArrayList<>(List.of(Header.of("a", "1")));
    Message message = message("k", "p", headers);
    headers.add(Header.of("b", "2"));

    assertEquals(List.of(Header.of("a", "1")), message.headers());
    assertThrows(UnsupportedOperationException.class, () -> message.headers().clear());
  }

  @Test
  void headerReturnsTheLastOneOfThatName() {
    Message message = message("k", "p", List.of(Header.of("trace", "1"), Header.of("other", "x"),
        Header.of("trace", "2")));

    assertEquals(Optional.of(Header.of("trace", "2")), message.header("trace"));
    assertEquals(Optional.empty(), message.header("missing"));
  }

  @Test
  void keyString() {
    assertEquals(Optional.of("user-1"), message("user-1", "p", List.of()).keyString());
    assertEquals(Optional.empty(), message(null, "p", List.of()).keyString());
  }

  @Test
  void equalityComparesArrayContents() {
    Message a = message("k", "payload", List.of(Header.of("h", "v")));
    Message b = message("k", "payload", List.of(Header.of("h", "v")));

    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertEquals(message(null, null, List.of()), message(null, null, List.of()));
    assertNotEquals(a, message("k", "other", List.of(Header.of("h", "v"))));
    assertNotEquals(a, message("k2", "payload", List.of(Header.of("h", "v"))));
    assertNotEquals(a, message("k", "payload", List.of(Header.of("h", "w"))));
    assertNotEquals(a, a.withTopic("orders"));
  }

  @Test
  void withTopicKeepsEverythingElse() {
    Message original = message("k", "p", List.of(Header.of("h", "v")));

    Message renamed = original.withTopic("orders");

    assertEquals(new Message("orders", 1, 5, bytes("k"), bytes("p"),
        List.of(Header.of("h", "v")), SENT, RECEIVED), renamed);
    assertEquals("users", original.topic());
  }

  @Test
  void toStringNamesTheCoordinates() {
    assertEquals("users/1@5", message("k", "p", List.of()).toString());
  }
}
