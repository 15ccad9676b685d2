package io.karafka.kafka;

import io.karafka.app.KafkaSettings;
import io.karafka.app.KarafkaApp;
import io.karafka.consumer.BatchHandler;
import io.karafka.consumer.GroupStatus;
import io.karafka.consumer.MessageSource;
import io.karafka.consumer.Subscription;
import io.karafka.monitor.Dependencies;
import io.karafka.monitor.Event;
import io.karafka.monitor.Monitor;
import io.karafka.topic.TopicMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * The consumer port on Kafka: one {@code KafkaConsumer} per consumer group, each on its own poll
 * thread, handing each polled partition's messages to the dispatcher on a virtual thread per
 * partition at work (or, with {@code kafka.consumerThreads} N, a pool of N platform threads), so
 * that blocking work on one partition never waits for another's.
 *
 * <ul>
 *   <li>Order: polled batches go to their partition's queue, which one pool thread at a time
 *       works through, so a partition is handled in order while partitions run in parallel.
 *       Polling never waits for controllers (a slow one never makes the group exceed
 *       {@code max.poll.interval.ms}); a partition is paused only while its queue holds 8 MiB or
 *       64 batches, or while it waits for a retry.</li>
 *   <li>Commits: only offsets the dispatcher reports as handled, every
 *       {@code kafka.offsetCommitInterval} or {@code kafka.offsetCommitThreshold} messages, on
 *       partition revocation and on close. Auto commit is always off.</li>
 *   <li>Failures: the failed message (healthy ones before it are committed) is tried again after
 *       {@code kafka.retryBackoff}, doubling up to {@code kafka.maxRetryBackoff}; after
 *       {@code kafka.maxAttempts} tries it is published to {@code kafka.deadLetterTopic} with its
 *       key, headers and {@code karafka.*} headers naming source and error, or, with no
 *       dead-letter topic, tried forever. A job store outage is retried forever.</li>
 *   <li>Topic ids: batches carry Kafka's id of their topic ({@code ""} until known), looked up
 *       with an admin client when partitions are assigned and when a partition's offsets go back
 *       (see {@code TopicIds}), so that jobs of a recreated topic are not taken for old ones.
 *       Commits name the topic id in their metadata, and an offset committed for an earlier
 *       incarnation of a topic is not resumed from (see {@code StaleOffsets}).</li>
 *   <li>{@link #close()}: stops polling, waits up to {@code kafka.shutdownTimeout} for work in
 *       flight, commits, closes.</li>
 *   <li>Client ids: each group's consumer is {@code <app>-<group>@<host>:<pid>}, so the
 *       cluster's view of a group names the host and process holding each partition (see
 *       {@link KafkaConsumerGroups}); a {@code client.id} set with {@code kafka.property}
 *       wins.</li>
 * </ul>
 *
 * <p>An app's {@code main} wires it with {@code new KafkaMessageSource(app)}; without an app,
 * {@link #builder(KafkaSettings)} takes what the source uses: the settings, a name for client
 * ids, the topic mapper, the monitor, the dependency states and the clock.
 *
 * Thread-safe.
 */
public final class KafkaMessageSource implements MessageSource {
  private final SourceParts parts;
  private final Function<Map<String, Object>, Consumer<byte[], byte[]>> consumers;
  private final List<GroupConsumer> groups = new CopyOnWriteArrayList<>();
  private ExecutorService pool;
  private DeadLetters deadLetters;
  private TopicIds topicIds;
  private volatile java.util.function.Consumer<Throwable> fatal = error -> { };

  /**
   * @param app whose name, {@code kafka} settings, topic mapper, monitor, dependency states and
   *     clock apply
   */
  public KafkaMessageSource(KarafkaApp app) {
    this(app, KafkaConsumer::new);
  }

  /**
   * @param app whose settings apply
   * @param consumers creates a consumer from its properties (to decorate or replace
   *     {@code KafkaConsumer})
   */
  public KafkaMessageSource(KarafkaApp app,
                            Function<Map<String, Object>, Consumer<byte[], byte[]>> consumers) {
    this(new SourceParts(Objects.requireNonNull(app, "app").name(), app.config().kafka(),
        app.config().topicMapper(), app.monitor(), app.dependencies(), app.config().clock()),
        consumers);
  }

  private KafkaMessageSource(SourceParts parts,
                             Function<Map<String, Object>, Consumer<byte[], byte[]>> consumers) {
    this.parts = parts;
    this.consumers = Objects.requireNonNull(consumers, "consumers");
  }

  /**
   * @param kafka the brokers and consumer settings
   * @return a builder of a source that needs no app
   */
  public static Builder builder(KafkaSettings kafka) {
    return new Builder(Objects.requireNonNull(kafka, "kafka"));
  }

  /**
   * A consumer thread that dies of an error it cannot retry calls this (the server then stops).
   * Authentication and authorization errors (TLS, SASL, ACLs) are not fatal: they are reported
   * and retried with a back-off of up to 30 s, as brokers that are unreachable are.
   */
  @Override
  public void onFatalError(java.util.function.Consumer<Throwable> listener) {
    this.fatal = Objects.requireNonNull(listener, "listener");
  }

  @Override
  public synchronized void start(List<Subscription> subscriptions, BatchHandler handler) {
    if (pool != null) {
      throw new IllegalStateException("KafkaMessageSource already started");
    }
    Map<String, List<Subscription>> byGroup = new LinkedHashMap<>();
    for (Subscription s : subscriptions) {
      byGroup.computeIfAbsent(s.group(), g -> new ArrayList<>()).add(s);
    }
    List<Map<String, Object>> configs = new ArrayList<>();
    for (Map.Entry<String, List<Subscription>> e : byGroup.entrySet()) {
      configs.add(KafkaClientProperties.consumer(parts.kafka(), ClientIds.consumer(parts.name(),
          e.getKey()), e.getKey(), e.getValue().getFirst().startFromBeginning()));
    }
    int threads = parts.kafka().consumerThreads();
    pool = threads == 0
        ? Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("karafka-partition-", 1)
            .factory())
        : Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon()
            .name("karafka-partition-", 1).factory());
    deadLetters = new DeadLetters(parts);
    topicIds = TopicIds.create(KafkaClientProperties.admin(parts.kafka(), parts.name()
        + "-topic-ids"));
    int i = 0;
    for (Map.Entry<String, List<Subscription>> e : byGroup.entrySet()) {
      GroupConsumer group = new GroupConsumer(parts, e.getKey(), e.getValue(),
          consumers.apply(configs.get(i++)), handler, pool, deadLetters,
          error -> fatal.accept(error), topicIds);
      groups.add(group);
      group.start();
    }
  }

  /** @return whether every group's consumer has partitions assigned (for tests and health) */
  @Override
  public boolean assigned() {
    return !groups.isEmpty() && groups.stream().allMatch(GroupConsumer::hasAssignment);
  }

  @Override
  public List<GroupStatus> groups() {
    return groups.stream().map(GroupConsumer::status).toList();
  }

  @Override
  public synchronized void close() {
    Duration timeout = parts.kafka().shutdownTimeout();
    groups.forEach(GroupConsumer::stop);
    for (GroupConsumer group : groups) {
      group.join(timeout.plusSeconds(10));
    }
    if (pool != null) {
      pool.shutdownNow();
      try {
        pool.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (topicIds != null) {
      topicIds.close();
    }
    if (deadLetters != null) {
      try {
        deadLetters.close();
      } catch (RuntimeException e) {
        parts.monitor().notice(new Event.ErrorOccurred("closing the dead-letter producer", e));
      }
    }
  }

  /** Builds a source without an app; every setting but the Kafka one has a default. */
  public static final class Builder {
    private final KafkaSettings kafka;
    private String name = "karafka";
    private TopicMapper topicMapper = TopicMapper.identity();
    private Monitor monitor = Monitor.none();
    private Dependencies dependencies;
    private Clock clock = Clock.systemUTC();
    private Function<Map<String, Object>, Consumer<byte[], byte[]>> consumers =
        KafkaConsumer::new;

    private Builder(KafkaSettings kafka) {
      this.kafka = kafka;
    }

    /**
     * The prefix of the Kafka client ids (an app uses its name), default "karafka": a group's
     * consumer is {@code <name>-<group>@<host>:<pid>}.
     */
    public Builder name(String value) {
      this.name = Objects.requireNonNull(value, "name");
      return this;
    }

    /** Maps the dead-letter topic's name; default identity. */
    public Builder topicMapper(TopicMapper value) {
      this.topicMapper = Objects.requireNonNull(value, "topicMapper");
      return this;
    }

    /** Hears of failures and outages; default none. */
    public Builder monitor(Monitor value) {
      this.monitor = Objects.requireNonNull(value, "monitor");
      return this;
    }

    /** Where the groups' up-or-down states are kept; default: its own, told to the monitor. */
    public Builder dependencies(Dependencies value) {
      this.dependencies = Objects.requireNonNull(value, "dependencies");
      return this;
    }

    /** The time source of back-offs and outage lengths; default the system clock (UTC). */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** Creates each consumer from its properties (to decorate or replace KafkaConsumer). */
    public Builder consumers(Function<Map<String, Object>, Consumer<byte[], byte[]>> value) {
      this.consumers = Objects.requireNonNull(value, "consumers");
      return this;
    }

    /** @return the source, not started */
    public KafkaMessageSource build() {
      Dependencies states = dependencies != null ? dependencies
          : new Dependencies(monitor, clock, java.time.Duration.ofMinutes(1));
      return new KafkaMessageSource(new SourceParts(name, kafka, topicMapper, monitor, states,
          clock), consumers);
    }
  }
}
