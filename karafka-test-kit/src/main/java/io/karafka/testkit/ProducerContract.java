package io.karafka.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.message.Header;
import io.karafka.producer.OutgoingMessage;
import io.karafka.producer.Partitioning;
import io.karafka.producer.Producer;
import io.karafka.producer.ProducerException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules every {@link Producer} keeps, as tests: when {@code send} returns, every message is
 * acknowledged, so the backend holds it at once, with its payload and headers, in the order sent;
 * a fixed partition is kept, and messages with one partition key share a partition and carry the
 * key (as {@link Partitioning} says); a message that cannot be acknowledged is a
 * {@link ProducerException}; one producer serves many threads. Extend it once per producer,
 * against its real broker or the in-memory fake:
 *
 * <pre>{@code
 * class KafkaProducerPoolIT extends ProducerContract {
 *   protected Producer createProducer() { return new KafkaProducerPool(kafka, pool, "contract"); }
 *   protected String createTopic(int partitions) { ... }
 *   protected List<Delivered> delivered(String topic) { ... read up to the end offsets ... }
 *   protected List<OutgoingMessage> unacknowledgeable(Producer producer, String topic) {
 *     return List.of(message larger than max.request.size);
 *   }
 * }
 * }</pre>
 *
 * Each test gets a new producer, closed after it, and new topics.
 */
public abstract class ProducerContract {
  /** The producer under test. */
  protected Producer producer;

  /**
   * A message as the backend holds it once acknowledged.
   *
   * @param partition where it went; empty when the producer does not place messages (a fake)
   * @param key the record's key, empty when it has none
   * @param payload the bytes
   * @param headers the headers, in order
   */
  public record Delivered(OptionalInt partition, Optional<String> key, byte[] payload,
                          List<Header> headers) {
    /** Validates and copies. */
    public Delivered {
      Objects.requireNonNull(partition, "partition");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(payload, "payload");
      headers = List.copyOf(headers);
    }

    /** @return the payload as UTF-8 text */
    public String payloadString() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }

  /** @return a new producer */
  protected abstract Producer createProducer() throws Exception;

  /** @return the name of a new, empty topic with that many partitions */
  protected abstract String createTopic(int partitions) throws Exception;

  /**
   * @return every message the backend holds for the topic now, in order within each partition;
   *     read what is there, without waiting for more (a send that returned must be in it)
   */
  protected abstract List<Delivered> delivered(String topic) throws Exception;

  /**
   * @return messages to the topic whose send this producer cannot get acknowledged (e.g. one
   *     larger than the broker takes); a fake may arm its next send to fail and return any
   */
  protected abstract List<OutgoingMessage> unacknowledgeable(Producer producer, String topic)
      throws Exception;

  @BeforeEach
  void createProducerUnderTest() throws Exception {
    producer = createProducer();
  }

  @AfterEach
  void closeProducerUnderTest() {
    if (producer != null) {
      producer.close();
    }
  }

  /** @return a message with a text payload and no headers */
  protected static OutgoingMessage message(String topic, String payload,
                                           Partitioning partitioning) {
    return new OutgoingMessage(topic, payload.getBytes(StandardCharsets.UTF_8), partitioning,
        List.of());
  }

  @Test
  void whatASendReturnedForIsThereAtOnceInOrderWithPayloadsAndHeaders() throws Exception {
    String topic = createTopic(1);
    List<OutgoingMessage> messages = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      messages.add(message(topic, "message " + i + " ✓", Partitioning.partition(0)));
    }
    List<Header> headers = List.of(Header.of("trace", "abc"), new Header("binary",
        new byte[] {0, 1, (byte) 0xFF}), new Header("empty", null), Header.of("trace", "again"));
    messages.add(new OutgoingMessage(topic, new byte[] {0, (byte) 0xC3, 2}, Partitioning
        .partition(0), headers));
    producer.send(messages);

    List<Delivered> delivered = delivered(topic);
    assertEquals(messages.size(), delivered.size(), "every message acknowledged is there");
    for (int i = 0; i < messages.size(); i++) {
      assertTrue(Arrays.equals(messages.get(i).payload(), delivered.get(i).payload()),
          "message " + i + " in order: " + delivered.get(i).payloadString());
      assertEquals(messages.get(i).headers(), delivered.get(i).headers(), "headers of " + i);
      assertEquals(Optional.empty(), delivered.get(i).key());
    }
  }

  @Test
  void aFixedPartitionIsKept() throws Exception {
    String topic = createTopic(3);
    producer.send(List.of(message(topic, "p2", Partitioning.partition(2)),
        message(topic, "p0", Partitioning.partition(0)),
        message(topic, "p1", Partitioning.partition(1))));
    List<Delivered> delivered = delivered(topic);
    assertEquals(3, delivered.size());
    for (Delivered d : delivered) {
      d.partition().ifPresent(p -> assertEquals("p" + p, d.payloadString()));
    }
  }

  @Test
  void messagesWithOneKeyShareAPartitionKeepTheirOrderAndCarryTheKey() throws Exception {
    String topic = createTopic(3);
    List<OutgoingMessage> messages = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String key = "user-" + (i % 3);
      messages.add(message(topic, key + " #" + i, Partitioning.key(key)));
    }
    producer.send(messages);
    assertKeysKeptTogetherInOrder(messages, delivered(topic));
  }

  @Test
  void anyPartitionDeliversEveryMessage() throws Exception {
    String topic = createTopic(2);
    List<OutgoingMessage> messages = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      messages.add(message(topic, "any " + i, Partitioning.any()));
    }
    producer.send(messages);
    List<Delivered> delivered = delivered(topic);
    assertEquals(Set.of("any 0", "any 1", "any 2", "any 3", "any 4", "any 5"),
        new HashSet<>(delivered.stream().map(Delivered::payloadString).toList()));
    assertEquals(6, delivered.size());
  }

  @Test
  void sendingNoMessagesSendsNothing() throws Exception {
    String topic = createTopic(1);
    producer.send(List.of());
    assertEquals(List.of(), delivered(topic));
  }

  @Test
  void aSendThatCannotBeAcknowledgedIsAProducerExceptionWithAMessage() throws Exception {
    String topic = createTopic(1);
    List<OutgoingMessage> refused = unacknowledgeable(producer, topic);
    ProducerException e = assertThrows(ProducerException.class, () -> producer.send(refused));
    assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "a message for the log");
  }

  @Test
  void oneProducerServesManyThreadsEachInItsOrder() throws Exception {
    String topic = createTopic(2);
    ExecutorService threads = Executors.newFixedThreadPool(4);
    List<OutgoingMessage> all = new ArrayList<>();
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        List<OutgoingMessage> mine = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
          mine.add(message(topic, "thread-" + t + " #" + i, Partitioning.key("thread-" + t)));
        }
        all.addAll(mine);
        running.add(threads.submit(() -> {
          for (OutgoingMessage m : mine) {
            producer.send(List.of(m));
          }
          return null;
        }));
      }
      for (Future<?> f : running) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }
    assertKeysKeptTogetherInOrder(all, delivered(topic));
  }

  /** Each key's messages: on one partition (when known), in the order sent, with the key. */
  private static void assertKeysKeptTogetherInOrder(List<OutgoingMessage> sent,
                                                    List<Delivered> delivered) {
    assertEquals(sent.size(), delivered.size(), "every message acknowledged is there");
    Map<String, List<String>> sentByKey = new TreeMap<>();
    for (OutgoingMessage m : sent) {
      String key = ((Partitioning.Key) m.partitioning()).key();
      sentByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(m.payloadString());
    }
    Map<String, List<String>> deliveredByKey = new TreeMap<>();
    Map<String, Set<Integer>> partitions = new TreeMap<>();
    for (Delivered d : delivered) {
      String key = d.key().orElseThrow(() -> new AssertionError("no key: "
          + d.payloadString()));
      deliveredByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(d.payloadString());
      d.partition().ifPresent(p -> partitions.computeIfAbsent(key, k -> new HashSet<>())
          .add(p));
    }
    assertEquals(sentByKey, deliveredByKey, "each key's messages, in the order sent");
    partitions.forEach((key, on) -> assertEquals(1, on.size(), key + " on " + on));
  }
}
