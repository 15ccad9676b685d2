package io.karafka.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.consumer.Batch;
import io.karafka.consumer.BatchHandler;
import io.karafka.consumer.BatchResult;
import io.karafka.consumer.MessageSource;
import io.karafka.consumer.Subscription;
import io.karafka.message.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The rules every {@link MessageSource} keeps, as tests: each partition's messages reach the
 * handler in offset order, in batches tagged with their subscription's group, topic and
 * partition; what the handler reports handled is committed; nothing is committed past a failed
 * message and nothing after it is handed on before it; {@code close} waits for the batch in
 * flight and commits it. Extend it once per source, against its real broker or the in-memory
 * fake:
 *
 * <pre>{@code
 * class KafkaMessageSourceContractIT extends MessageSourceContract {
 *   protected MessageSource createSource() { return new KafkaMessageSource(app); }
 *   protected String createTopic(int partitions) { ... }
 *   protected void publish(MessageSource source, String topic, int partition,
 *                          List<String> payloads) { ... produce and wait for the acks ... }
 *   protected OptionalLong committed(MessageSource source, String group, String topic,
 *                                    int partition) { ... Admin.listConsumerGroupOffsets ... }
 * }
 * }</pre>
 *
 * Each test gets a new source, closed after it, a new topic and a new group. The handler stands
 * in for Karafka's dispatcher: it handles a batch's messages in order, fails at a message whose
 * payload is {@code poison} and holds a message whose payload is {@code hold} until the test lets
 * it go.
 */
public abstract class MessageSourceContract {
  private static final Duration LIMIT = Duration.ofSeconds(60);

  private final Recording handler = new Recording();
  private MessageSource source;

  /** @return a new, unstarted source */
  protected abstract MessageSource createSource();

  /** @return a new topic with that many partitions, empty */
  protected abstract String createTopic(int partitions);

  /**
   * Makes messages available to the started source on one partition of a topic, in order: a
   * broker's source reads them from the broker, a fake is handed them. Must return without
   * waiting for the handler (a fake delivers on a thread of its own).
   */
  protected abstract void publish(MessageSource source, String topic, int partition,
                                  List<String> payloads) throws Exception;

  /**
   * @return the offset committed for a group's partition (the next to read), read after the
   *     source closed; empty when nothing was committed
   */
  protected abstract OptionalLong committed(MessageSource source, String group, String topic,
                                            int partition) throws Exception;

  @AfterEach
  void closeSource() {
    handler.release.countDown();
    if (source != null) {
      source.close();
    }
  }

  @Test
  void deliversEachPartitionsMessagesInOffsetOrderTaggedWithItsSubscription() throws Exception {
    String topic = createTopic(2);
    start(topic);

    publish(source, topic, 0, List.of("a0", "a1", "a2"));
    publish(source, topic, 1, List.of("b0", "b1"));

    Await.within(LIMIT, "5 messages handled", () -> handler.seen.size() >= 5);
    assertEquals(List.of("0@0 a0", "0@1 a1", "0@2 a2"), handler.seen(0));
    assertEquals(List.of("1@0 b0", "1@1 b1"), handler.seen(1));
    assertEquals(5, handler.seen.size(), "each message once: " + handler.seen);
    for (Batch batch : handler.batches) {
      assertEquals(group(topic), batch.group());
      assertEquals(topic, batch.topic());
      assertTrue(batch.messages().stream().allMatch(m -> m.partition() == batch.partition()
          && m.topic().equals(topic)), batch.toString());
    }
    assertTrue(source.assigned(), "assigned() once consuming");
  }

  @Test
  void commitsWhatTheHandlerHandled() throws Exception {
    String topic = createTopic(1);
    start(topic);

    publish(source, topic, 0, List.of("a", "b", "c"));
    Await.within(LIMIT, "3 messages handled", () -> handler.seen.size() >= 3);
    source.close();

    assertEquals(OptionalLong.of(3), committed(source, group(topic), topic, 0));
  }

  @Test
  void neverCommitsPastAFailedMessageNorHandsOnTheMessagesAfterIt() throws Exception {
    String topic = createTopic(1);
    start(topic);

    publish(source, topic, 0, List.of("a", "b", "poison", "d"));
    Await.within(LIMIT, "the poison message handled", () -> handler.seen.contains("0@2 poison"));
    source.close();

    assertTrue(handler.seen.stream().noneMatch(s -> s.endsWith(" d")), handler.seen.toString());
    assertEquals(List.of("0@0 a", "0@1 b"), handler.seen.stream()
        .filter(s -> !s.endsWith("poison")).toList(), "each handled message once");
    assertEquals(OptionalLong.of(2), committed(source, group(topic), topic, 0));
  }

  @Test
  void closeWaitsForTheBatchInFlightAndCommitsIt() throws Exception {
    String topic = createTopic(1);
    start(topic);
    publish(source, topic, 0, List.of("a", "hold"));
    Await.within(LIMIT, "the held message in the handler", () -> handler.holding);

    CompletableFuture<Boolean> closing = new CompletableFuture<>();
    Thread closer = new Thread(() -> {
      source.close();
      closing.complete(handler.finished);
    }, "contract-closer");
    closer.start();
    Await.within(LIMIT, "close() to wait or return", () ->
        closer.getState() == Thread.State.WAITING || closer.getState() == Thread.State.TIMED_WAITING
            || closer.getState() == Thread.State.TERMINATED);
    handler.release.countDown();

    assertTrue(closing.get(LIMIT.toSeconds(), TimeUnit.SECONDS),
        "close() returned before the batch in flight was handled");
    assertEquals(OptionalLong.of(2), committed(source, group(topic), topic, 0));
  }

  /** @return the group the contract consumes a topic with */
  protected String group(String topic) {
    return "contract_" + topic;
  }

  private void start(String topic) {
    source = createSource();
    source.start(List.of(new Subscription(group(topic), topic, false, true)), handler);
  }

  /** Handles like the dispatcher: in order, stops at a failure; records what it saw. */
  private static final class Recording implements BatchHandler {
    final List<String> seen = new CopyOnWriteArrayList<>();
    final List<Batch> batches = new CopyOnWriteArrayList<>();
    final CountDownLatch release = new CountDownLatch(1);
    volatile boolean holding;
    volatile boolean finished;

    @Override
    public BatchResult handle(Batch batch) {
      batches.add(batch);
      for (Message message : batch.messages()) {
        String payload = new String(message.payload(), StandardCharsets.UTF_8);
        seen.add(message.partition() + "@" + message.offset() + " " + payload);
        if (payload.equals("poison")) {
          return BatchResult.Failed.at(message, new IllegalStateException("poison"));
        }
        if (payload.equals("hold")) {
          holding = true;
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return BatchResult.Failed.at(message, e);
          }
          finished = true;
        }
      }
      return new BatchResult.Handled(batch.messages().getLast().offset() + 1);
    }

    List<String> seen(int partition) {
      return seen.stream().filter(s -> s.startsWith(partition + "@")).toList();
    }
  }
}
