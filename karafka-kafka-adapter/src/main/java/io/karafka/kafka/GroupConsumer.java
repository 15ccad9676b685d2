package io.karafka.kafka;

import io.karafka.app.KafkaSettings;
import io.karafka.consumer.Batch;
import io.karafka.consumer.BatchHandler;
import io.karafka.consumer.BatchResult;
import io.karafka.consumer.GroupStatus;
import io.karafka.consumer.Subscription;
import io.karafka.message.Message;
import io.karafka.monitor.Event;
import io.karafka.monitor.Monitor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.WakeupException;

/**
 * One consumer group: the poll thread that owns its {@link Consumer} (no other thread touches it
 * but for {@code wakeup()}), the partitions' queues, commits, retries and dead letters.
 *
 * <p>Polled batches go to their partition's queue; one pool thread at a time works through a
 * queue, so a partition stays in order while partitions run in parallel, and polling (and so
 * fetching ahead and heartbeating) never waits for controllers. A partition is paused only when
 * its queue is full or it waits for a retry.
 */
final class GroupConsumer implements ConsumerRebalanceListener {
  private static final Duration POLL = Duration.ofMillis(100);
  private final String group;
  private final List<String> topics;
  private final Consumer<byte[], byte[]> consumer;
  private final BatchHandler handler;
  private final ExecutorService pool;
  private final DeadLetters deadLetters;
  private final Monitor monitor;
  private final KafkaSettings settings;
  private final java.time.Clock clock;
  private final Map<TopicPartition, PartitionState> states = new HashMap<>();
  private final ConcurrentLinkedQueue<Completion> completions = new ConcurrentLinkedQueue<>();
  private final PartitionWork work;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile boolean polling;
  private final LoopStatus status;
  private final Ledger ledger;
  private final Commits commits;
  private final KafkaContact contact;
  private final java.util.function.Consumer<Throwable> fatal;
  private final TopicIds topicIds;
  private final StaleOffsets staleOffsets;

  GroupConsumer(SourceParts parts, String group, List<Subscription> subscriptions,
                Consumer<byte[], byte[]> consumer, BatchHandler handler, ExecutorService pool,
                DeadLetters deadLetters, java.util.function.Consumer<Throwable> fatal,
                TopicIds topicIds) {
    this.fatal = fatal;
    this.topicIds = topicIds;
    this.group = group;
    this.topics = subscriptions.stream().map(Subscription::topic).toList();
    this.consumer = consumer;
    this.handler = handler;
    this.pool = pool;
    this.deadLetters = deadLetters;
    this.monitor = parts.monitor();
    this.settings = parts.kafka();
    this.clock = parts.clock();
    this.ledger = new Ledger(settings, subscriptions.getFirst().batchMode(),
        deadLetters.enabled(), clock);
    this.commits = new Commits(group, consumer, monitor, ledger);
    this.staleOffsets = new StaleOffsets(group, consumer, monitor,
        subscriptions.getFirst().startFromBeginning());
    this.thread = new Thread(this::run, "karafka-consumer-" + group);
    this.status = new LoopStatus(group, settings);
    this.work = new PartitionWork(pool, handler, completions, this::wakeUpPollThread);
    this.contact = new KafkaContact(group, topics, settings, parts.dependencies().track(
        "kafka group " + group, String.join(",", settings.hosts()), "its messages wait in Kafka"
            + " (nothing consumed, no offset committed)"), clock);
  }

  void start() {
    thread.start();
  }

  void stop() {
    running = false;
    consumer.wakeup();
  }

  void join(Duration timeout) {
    try {
      thread.join(timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  boolean hasAssignment() {
    return status.joined();
  }

  /** @return the poll loop's state, for health checks and metrics */
  GroupStatus status() {
    return status.status();
  }

  private void run() {
    try {
      consumer.subscribe(topics, this);
      while (running) {
        applyCompletions(false);
        resumeDueRetries();
        states.values().forEach(this::updatePause);
        commits.ifDue(states);
        ConsumerRecords<byte[], byte[]> records;
        try {
          polling = true;
          records = consumer.poll(POLL);
          contact.accepted();
        } catch (WakeupException e) {
          continue;
        } catch (AuthenticationException | AuthorizationException e) {
          // refused (TLS, SASL, ACLs): may be fixed on the broker side, so keep trying
          contact.refused(e);
          contact.pauseAfterRefusal(() -> running);
          continue;
        } finally {
          polling = false;
          status.polled(clock.instant());
        }
        if (!records.isEmpty()) {
          contact.polled();
        }
        dispatch(records);
        contact.check(consumer);
        status.sampleLag(consumer);
      }
      drain(List.copyOf(states.keySet()), settings.shutdownTimeout());
      commits.now(states.keySet(), states);
    } catch (RuntimeException e) {
      monitor.notice(new Event.ErrorOccurred("kafka consumer of group " + group, e));
      if (running) {
        fatal.accept(e); // a dead consumer must not leave a process that looks alive
      }
    } finally {
      try {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(10)));
      } catch (RuntimeException e) {
        monitor.notice(new Event.ErrorOccurred("closing kafka consumer of group " + group, e));
      }
    }
  }

  private void dispatch(ConsumerRecords<byte[], byte[]> records) {
    Instant now = clock.instant();
    for (TopicPartition tp : records.partitions()) {
      PartitionState state = states.get(tp);
      if (state == null || state.blocked() || state.halted) {
        continue; // a failure is being handled: the consumer seeks back to it
      }
      List<ConsumerRecord<byte[], byte[]>> polled = records.records(tp);
      List<Message> messages = Polled.messages(polled, now);
      long bytes = Polled.bytes(polled);
      if (messages.getFirst().offset() < state.nextOffset) {
        topicIds.refresh(List.of(tp.topic())); // a retry, or the topic recreated under us
      }
      state.nextOffset = messages.getLast().offset() + 1;
      String topicId = topicIds.get(tp.topic());
      state.topicId = topicId.isEmpty() ? state.topicId : topicId;
      state.queue.add(new PartitionWork.Queued(new Batch(group, tp.topic(), tp.partition(), messages, topicId),
          bytes));
      state.queued.incrementAndGet();
      state.queuedBytes.addAndGet(bytes);
      work.schedule(state);
      updatePause(state);
    }
  }

  private void wakeUpPollThread() {
    if (polling) {
      consumer.wakeup();
    }
  }

  /**
   * Pauses a partition that waits for a retry or a dead letter, or whose queue is full (memory
   * stays bounded while polling and heartbeats go on); resumes it otherwise.
   */
  private void updatePause(PartitionState state) {
    boolean pause = state.blocked() || state.full();
    if (pause && !state.paused) {
      consumer.pause(List.of(state.tp));
      state.paused = true;
    } else if (!pause && state.paused) {
      state.paused = false;
      if (consumer.assignment().contains(state.tp)) {
        consumer.resume(List.of(state.tp));
      }
    }
  }

  /** @param finishing the partitions are being given up: record what was handled, no retries */
  private void applyCompletions(boolean finishing) {
    Completion done;
    while ((done = completions.poll()) != null) {
      PartitionState state = done.state();
      if (states.get(state.tp) != state) {
        continue; // revoked meanwhile
      }
      if (done.deadLettered() != null) {
        afterDeadLetter(state, done);
      } else if (done.result() instanceof BatchResult.Handled handled) {
        ledger.handled(state, done.batch(), handled.commitOffset());
      } else if (done.result() instanceof BatchResult.Failed failed) {
        state.discardQueued();
        switch (ledger.failed(state, done.batch(), failed, finishing)) {
          case null -> { }
          case Ledger.Decision.Retry retry -> {
            consumer.seek(state.tp, retry.offset());
            monitor.notice(new Event.MessageRetrying(group, state.tp.topic(),
                state.tp.partition(), retry.offset(), state.attempts, retry.at()));
          }
          case Ledger.Decision.DeadLetter dead -> deadLetter(state, done.batch(), failed, dead);
        }
      }
    }
  }

  /** Publishes on a pool thread; the poll thread hears back through the completions. */
  private void deadLetter(PartitionState state, Batch batch, BatchResult.Failed failed,
                          Ledger.Decision.DeadLetter dead) {
    state.deadLetterInFlight = true;
    try {
      pool.execute(() -> {
        Exception error = null;
        try {
          deadLetters.publish(group, dead.messages(), failed.error(), dead.attempts());
        } catch (Exception e) {
          error = e;
        }
        state.deadLetterInFlight = false;
        completions.add(new Completion(state, batch, failed, error, dead.next()));
        wakeUpPollThread();
      });
    } catch (RejectedExecutionException e) {
      state.deadLetterInFlight = false;
      ledger.deadLetterAbandoned(state);
    }
  }

  private void afterDeadLetter(PartitionState state, Completion done) {
    if (done.error() != null) {
      monitor.notice(new Event.ErrorOccurred("dead-letter topic of group " + group,
          done.error()));
      consumer.seek(state.tp, ledger.deadLetterFailed(state).offset());
      return;
    }
    long from = state.failedOffset;
    int attempts = state.attempts;
    ledger.deadLettered(state, done.batch(), done.deadLettered());
    monitor.notice(new Event.MessagesDeadLettered(group, state.tp.topic(), state.tp.partition(),
        done.batch().messages().stream().map(Message::offset).filter(o -> o >= from
            && o < done.deadLettered()).toList(), deadLetters.topic(), attempts));
    consumer.seek(state.tp, done.deadLettered());
    state.halted = false;
  }

  private void resumeDueRetries() {
    for (PartitionState state : ledger.dueRetries(states.values())) {
      state.halted = false;
    }
  }

  /** Stops the partitions' work after the batch in flight, waits for it, records it. */
  private void drain(Collection<TopicPartition> tps, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<PartitionState> stopping = new ArrayList<>();
    for (TopicPartition tp : tps) {
      PartitionState state = states.get(tp);
      if (state != null) {
        state.halted = true;
        state.discardQueued();
        stopping.add(state);
      }
    }
    while (stopping.stream().anyMatch(PartitionState::busy)) {
      applyCompletions(true);
      if (System.nanoTime() - deadline > 0) {
        monitor.notice(new Event.ErrorOccurred("consumer of group " + group, new TimeoutException(
            "work in flight did not finish within " + timeout + "; its messages will be"
                + " delivered again")));
        return;
      }
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    applyCompletions(true);
  }

  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
    drain(partitions, settings.shutdownTimeout());
    commits.now(partitions, states);
    partitions.forEach(states::remove);
    status.holds(states.size(), false);
    if (!partitions.isEmpty()) { // incremental rebalances call it with none
      monitor.notice(new Event.Rebalanced(group, List.of(), names(partitions)));
    }
  }

  @Override
  public void onPartitionsLost(Collection<TopicPartition> partitions) {
    for (TopicPartition tp : partitions) {
      PartitionState state = states.remove(tp);
      if (state != null) {
        state.halted = true;
        state.discardQueued();
      }
    }
    status.holds(states.size(), false);
    monitor.notice(new Event.Rebalanced(group, List.of(), names(partitions)));
  }

  @Override
  public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
    // ids are learnt before the first batches; a recreated topic's new one tells stale committed
    // offsets and, for the partitions kept through an incremental rebalance, stale positions
    Map<String, String> ids = topicIds.refresh(Stream.concat(states.keySet().stream(),
        partitions.stream()).map(TopicPartition::topic).distinct().toList());
    List<PartitionState> recreated = StaleOffsets.recreated(states.values(), ids);
    if (!recreated.isEmpty()) { // their old topic's batch in flight ends, and is not committed
      drain(recreated.stream().map(state -> state.tp).toList(), settings.shutdownTimeout());
      recreated.forEach(old -> staleOffsets.restart(old, ids.get(old.tp.topic())));
    }
    Stream.concat(partitions.stream(), recreated.stream().map(state -> state.tp)).forEach(tp ->
        states.put(tp, new PartitionState(tp, ids.getOrDefault(tp.topic(), ""))));
    staleOffsets.check(partitions, ids);
    status.holds(states.size(), true);
    if (!partitions.isEmpty()) {
      monitor.notice(new Event.Rebalanced(group, names(partitions), List.of()));
    }
  }

  private static List<String> names(Collection<TopicPartition> partitions) {
    return partitions.stream().map(TopicPartition::toString).sorted().toList();
  }
}
