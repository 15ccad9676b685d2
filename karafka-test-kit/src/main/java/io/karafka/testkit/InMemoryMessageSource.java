package io.karafka.testkit;

import io.karafka.consumer.Batch;
import io.karafka.consumer.BatchHandler;
import io.karafka.consumer.BatchResult;
import io.karafka.consumer.GroupStatus;
import io.karafka.consumer.MessageSource;
import io.karafka.consumer.Subscription;
import io.karafka.message.Message;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A message source fed by the test: {@link #deliver} hands a batch to the handler on the calling
 * thread, like one poll of one partition, and keeps the committed offsets as Kafka would (only
 * forward; a failed message is not committed). Offsets are given in sequence per partition.
 * {@link #close} waits for deliveries in flight, as a real source waits for its batches.
 * Thread-safe; deliveries of one partition must not overlap.
 */
public final class InMemoryMessageSource implements MessageSource {
  private final Clock clock;
  private final Map<String, Subscription> byTopic = new ConcurrentHashMap<>();
  private final Map<String, Long> nextOffsets = new ConcurrentHashMap<>();
  private final Map<String, Long> committed = new ConcurrentHashMap<>();
  private volatile BatchHandler handler;
  private volatile java.util.function.Consumer<Throwable> fatal = error -> { };
  private final Object flight = new Object();
  private int inFlight;

  /** @param clock gives the messages' receive times */
  public InMemoryMessageSource(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void start(List<Subscription> subscriptions, BatchHandler batchHandler) {
    subscriptions.forEach(s -> byTopic.put(s.topic(), s));
    synchronized (flight) {
      this.handler = Objects.requireNonNull(batchHandler, "handler");
    }
  }

  /**
   * @return a group per subscribed group, joined once started, holding a partition per topic,
   *     its poll loop always just back (nothing here can get stuck), no lag told
   */
  @Override
  public List<GroupStatus> groups() {
    Map<String, Integer> topics = new java.util.TreeMap<>();
    byTopic.values().forEach(s -> topics.merge(s.group(), 1, Integer::sum));
    boolean joined = handler != null;
    return topics.entrySet().stream().map(e -> new GroupStatus(e.getKey(), joined,
        joined ? e.getValue() : 0, joined ? java.util.Optional.of(clock.instant())
            : java.util.Optional.empty(), java.time.Duration.ofMinutes(5), List.of())).toList();
  }

  /**
   * Delivers messages of one partition as one batch (use several calls for several polls).
   *
   * @param kafkaTopic the Kafka topic name (after the topic mapper)
   * @return what the dispatcher reported
   * @throws IllegalStateException when not started, or the topic is not subscribed
   */
  public BatchResult deliver(String kafkaTopic, List<TestMessage> messages) {
    BatchHandler current = enter();
    try {
      return deliver(current, kafkaTopic, messages);
    } finally {
      leave();
    }
  }

  /**
   * Hands a batch to the handler exactly as given (group, topic, partition, offsets, topic id),
   * on the calling thread: to replay a poll, deliver the same batch twice, or one of a topic no
   * route consumes. Committed offsets are kept as for {@link #deliver(String, List)}.
   *
   * @return what the dispatcher reported
   * @throws IllegalStateException when not started, or closed
   */
  public BatchResult deliver(Batch batch) {
    Objects.requireNonNull(batch, "batch");
    BatchHandler current = enter();
    try {
      BatchResult result = current.handle(batch);
      committed.merge(batch.topic() + "/" + batch.partition(), result.commitOffset(), Math::max);
      return result;
    } finally {
      leave();
    }
  }

  private BatchHandler enter() {
    synchronized (flight) {
      BatchHandler current = handler;
      if (current == null) {
        throw new IllegalStateException("InMemoryMessageSource is not started (or is closed)");
      }
      inFlight++;
      return current;
    }
  }

  private void leave() {
    synchronized (flight) {
      inFlight--;
      flight.notifyAll();
    }
  }

  private BatchResult deliver(BatchHandler current, String kafkaTopic,
                              List<TestMessage> messages) {
    Subscription subscription = byTopic.get(kafkaTopic);
    if (subscription == null) {
      throw new IllegalStateException("no route consumes Kafka topic '" + kafkaTopic
          + "'; subscribed: " + byTopic.keySet());
    }
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("deliver at least one message");
    }
    int partition = messages.getFirst().partition();
    List<Message> batch = new ArrayList<>();
    for (TestMessage m : messages) {
      if (m.partition() != partition) {
        throw new IllegalArgumentException("a batch holds one partition; got " + partition
            + " and " + m.partition());
      }
      long offset = nextOffsets.merge(kafkaTopic + "/" + partition, 1L, Long::sum) - 1;
      batch.add(m.toMessage(kafkaTopic, offset, clock.instant()));
    }
    BatchResult result = current.handle(new Batch(subscription.group(), kafkaTopic, partition,
        batch));
    committed.merge(kafkaTopic + "/" + partition, result.commitOffset(), Math::max);
    if (result instanceof BatchResult.Failed failed) {
      nextOffsets.put(kafkaTopic + "/" + partition, failed.commitOffset());
    }
    return result;
  }

  /** @return the committed offset (next to read) of a partition, when anything was committed */
  public OptionalLong committed(String kafkaTopic, int partition) {
    Long offset = committed.get(kafkaTopic + "/" + partition);
    return offset == null ? OptionalLong.empty() : OptionalLong.of(offset);
  }

  @Override
  public void onFatalError(java.util.function.Consumer<Throwable> listener) {
    this.fatal = Objects.requireNonNull(listener, "listener");
  }

  /**
   * Acts as a source whose consumer died of an error it cannot retry: tells the listener the
   * server registered (the server then stops and reports it).
   *
   * @param error the cause
   */
  public void failFatally(Throwable error) {
    fatal.accept(error);
  }

  /** @return the subscriptions the server asked for */
  public List<Subscription> subscriptions() {
    return List.copyOf(byTopic.values());
  }

  /** Stops taking deliveries and waits for those in flight. */
  @Override
  public void close() {
    synchronized (flight) {
      handler = null;
      boolean interrupted = false;
      while (inFlight > 0) {
        try {
          flight.wait();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
