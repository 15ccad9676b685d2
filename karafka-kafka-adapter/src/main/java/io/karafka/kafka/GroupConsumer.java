package io.karafka.kafka;

import io.karafka.app.KafkaSettings;
import io.karafka.app.KarafkaApp;
import io.karafka.consumer.Batch;
import io.karafka.consumer.BatchHandler;
import io.karafka.consumer.BatchResult;
import io.karafka.consumer.Subscription;
import io.karafka.job.JobStoreUnavailableException;
import io.karafka.message.Header;
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
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Headers;

/**
 * One consumer group: the poll thread that owns its {@link Consumer} (never touched by another
 * thread, but for {@code wakeup()}), the partitions' states, commits, retries and dead letters.
 */
final class GroupConsumer implements ConsumerRebalanceListener {
  private static final Duration POLL = Duration.ofMillis(100);

  private final String group;
  private final List<String> topics;
  private final boolean batchMode;
  private final Consumer<byte[], byte[]> consumer;
  private final BatchHandler handler;
  private final ExecutorService pool;
  private final DeadLetters deadLetters;
  private final Monitor monitor;
  private final KafkaSettings settings;
  private final java.time.Clock clock;
  private final Map<TopicPartition, PartitionState> states = new HashMap<>();
  private final ConcurrentLinkedQueue<Completion> completions = new ConcurrentLinkedQueue<>();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile boolean polling;
  private volatile boolean assignedOnce;
  private long lastCommit = System.nanoTime();
  private long handledSinceCommit;

  GroupConsumer(KarafkaApp app, String group, List<Subscription> subscriptions,
                Consumer<byte[], byte[]> consumer, BatchHandler handler, ExecutorService pool,
                DeadLetters deadLetters) {
    this.group = group;
    this.topics = subscriptions.stream().map(Subscription::topic).toList();
    this.batchMode = subscriptions.getFirst().batchMode();
    this.consumer = consumer;
    this.handler = handler;
    this.pool = pool;
    this.deadLetters = deadLetters;
    this.monitor = app.monitor();
    this.settings = app.config().kafka();
    this.clock = app.config().clock();
    this.thread = new Thread(this::run, "karafka-consumer-" + group);
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
    return assignedOnce;
  }

  private void run() {
    try {
      consumer.subscribe(topics, this);
      while (running) {
        applyCompletions();
        resumeDueRetries();
        maybeCommit();
        ConsumerRecords<byte[], byte[]> records;
        try {
          polling = true;
          records = consumer.poll(POLL);
        } catch (WakeupException e) {
          continue;
        } finally {
          polling = false;
        }
        dispatch(records);
      }
      drain(states.keySet(), settings.shutdownTimeout());
      commitSync(states.keySet());
    } catch (RuntimeException e) {
      monitor.notice(new Event.ErrorOccurred("kafka consumer of group " + group, e));
    } finally {
      try {
        consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(
            Duration.ofSeconds(10)));
      } catch (RuntimeException e) {
        monitor.notice(new Event.ErrorOccurred("closing kafka consumer of group " + group, e));
      }
    }
  }

  private void dispatch(ConsumerRecords<byte[], byte[]> records) {
    Instant now = clock.instant();
    for (TopicPartition tp : records.partitions()) {
      PartitionState state = states.get(tp);
      if (state == null) {
        continue;
      }
      List<Message> messages = new ArrayList<>();
      for (ConsumerRecord<byte[], byte[]> r : records.records(tp)) {
        messages.add(new Message(r.topic(), r.partition(), r.offset(), r.key(), r.value(),
            headers(r.headers()), Instant.ofEpochMilli(r.timestamp()), now));
      }
      Batch batch = new Batch(group, tp.topic(), tp.partition(), messages);
      state.inFlight = true;
      consumer.pause(List.of(tp));
      submit(tp, batch, () -> {
        BatchResult result;
        try {
          result = handler.handle(batch);
        } catch (RuntimeException e) {
          result = new BatchResult.Failed(batch.firstOffset(), batch.messages().getFirst(), e);
        }
        return new Completion(tp, batch, result, null);
      });
    }
  }

  private void submit(TopicPartition tp, Batch batch,
                      java.util.concurrent.Callable<Completion> work) {
    try {
      pool.execute(() -> {
        Completion done;
        try {
          done = work.call();
        } catch (Throwable e) {
          done = new Completion(tp, batch, new BatchResult.Failed(batch.firstOffset(),
              batch.messages().getFirst(), e), null);
        }
        completions.add(done);
        if (polling) {
          consumer.wakeup();
        }
      });
    } catch (RejectedExecutionException e) {
      PartitionState state = states.get(tp);
      if (state != null) {
        state.inFlight = false;
      }
    }
  }

  private void applyCompletions() {
    Completion done;
    while ((done = completions.poll()) != null) {
      PartitionState state = states.get(done.tp());
      if (state == null) {
        continue;
      }
      state.inFlight = false;
      if (done.deadLettered() != null) {
        afterDeadLetter(done.tp(), state, done);
      } else if (done.result() instanceof BatchResult.Handled handled) {
        handledSinceCommit += done.batch().messages().size();
        state.committable = Math.max(state.committable, handled.commitOffset());
        state.failedOffset = -1;
        state.attempts = 0;
        resume(done.tp());
      } else if (done.result() instanceof BatchResult.Failed failed) {
        onFailure(done.tp(), state, done.batch(), failed);
      }
    }
  }

  private void onFailure(TopicPartition tp, PartitionState state, Batch batch,
                         BatchResult.Failed failed) {
    long offset = failed.commitOffset();
    if (offset > batch.firstOffset()) {
      handledSinceCommit += offset - batch.firstOffset();
      state.committable = Math.max(state.committable, offset);
    }
    if (state.failedOffset == offset) {
      state.attempts++;
    } else {
      state.failedOffset = offset;
      state.attempts = 1;
    }
    boolean infrastructure = failed.error() instanceof JobStoreUnavailableException;
    if (!infrastructure && deadLetters.enabled() && state.attempts >= settings.maxAttempts()) {
      List<Message> dead = batch.messages().stream().filter(m -> batchMode
          ? m.offset() >= offset : m.offset() == offset).toList();
      int attempts = state.attempts;
      state.inFlight = true;
      long next = dead.getLast().offset() + 1;
      submit(tp, batch, () -> {
        try {
          deadLetters.publish(group, dead, failed.error(), attempts);
          return new Completion(tp, batch, failed, null, next);
        } catch (Exception e) {
          return new Completion(tp, batch, failed, e, next);
        }
      });
      return;
    }
    scheduleRetry(tp, state, offset);
  }

  private void afterDeadLetter(TopicPartition tp, PartitionState state, Completion done) {
    if (done.error() != null) {
      monitor.notice(new Event.ErrorOccurred("dead-letter topic of group " + group,
          done.error()));
      scheduleRetry(tp, state, state.failedOffset);
      return;
    }
    long next = done.deadLettered();
    state.committable = Math.max(state.committable, next);
    state.failedOffset = -1;
    state.attempts = 0;
    handledSinceCommit++;
    consumer.seek(tp, next);
    resume(tp);
  }

  private void scheduleRetry(TopicPartition tp, PartitionState state, long offset) {
    consumer.seek(tp, offset);
    long factor = 1L << Math.min(30, Math.max(0, state.attempts - 1));
    Duration wait = settings.retryBackoff().multipliedBy(factor);
    if (wait.compareTo(settings.maxRetryBackoff()) > 0 || wait.isNegative()) {
      wait = settings.maxRetryBackoff();
    }
    state.retryAt = System.nanoTime() + wait.toNanos();
  }

  private void resumeDueRetries() {
    long now = System.nanoTime();
    states.forEach((tp, state) -> {
      if (state.retryAt != 0 && now - state.retryAt >= 0 && !state.inFlight) {
        state.retryAt = 0;
        resume(tp);
      }
    });
  }

  private void resume(TopicPartition tp) {
    if (consumer.assignment().contains(tp)) {
      consumer.resume(List.of(tp));
    }
  }

  private void maybeCommit() {
    boolean due = System.nanoTime() - lastCommit >= settings.offsetCommitInterval().toNanos()
        || settings.offsetCommitThreshold() > 0
        && handledSinceCommit >= settings.offsetCommitThreshold();
    if (!due) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = pendingOffsets(states.keySet());
    lastCommit = System.nanoTime();
    handledSinceCommit = 0;
    if (offsets.isEmpty()) {
      return;
    }
    offsets.forEach((tp, o) -> states.get(tp).committed = o.offset());
    consumer.commitAsync(offsets, (committed, error) -> {
      if (error != null) {
        monitor.notice(new Event.ErrorOccurred("offset commit of group " + group, error));
        committed.keySet().forEach(tp -> {
          PartitionState state = states.get(tp);
          if (state != null) {
            state.committed = -1;
          }
        });
      }
    });
  }

  private Map<TopicPartition, OffsetAndMetadata> pendingOffsets(Collection<TopicPartition> tps) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition tp : tps) {
      PartitionState state = states.get(tp);
      if (state != null && state.committable >= 0 && state.committable != state.committed) {
        offsets.put(tp, new OffsetAndMetadata(state.committable));
      }
    }
    return offsets;
  }

  private void commitSync(Collection<TopicPartition> tps) {
    Map<TopicPartition, OffsetAndMetadata> offsets = pendingOffsets(tps);
    if (offsets.isEmpty()) {
      return;
    }
    for (int attempt = 1; ; attempt++) {
      try {
        consumer.commitSync(offsets, Duration.ofSeconds(30));
        offsets.forEach((tp, o) -> states.get(tp).committed = o.offset());
        return;
      } catch (WakeupException e) {
        if (attempt >= 5) {
          throw e;
        }
      } catch (RuntimeException e) {
        monitor.notice(new Event.ErrorOccurred("offset commit of group " + group, e));
        return;
      }
    }
  }

  /** Waits for the work in flight of these partitions, applying what completes. */
  private void drain(Collection<TopicPartition> tps, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (tps.stream().anyMatch(tp -> states.containsKey(tp) && states.get(tp).inFlight)) {
      applyCompletions();
      if (System.nanoTime() - deadline > 0) {
        monitor.notice(new Event.ErrorOccurred("consumer of group " + group, new
            java.util.concurrent.TimeoutException("work in flight did not finish within "
            + timeout + "; its messages will be delivered again")));
        return;
      }
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    applyCompletions();
  }

  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
    drain(partitions, settings.shutdownTimeout());
    commitSync(partitions);
    partitions.forEach(states::remove);
    monitor.notice(new Event.Rebalanced(group, List.of(), names(partitions)));
  }

  @Override
  public void onPartitionsLost(Collection<TopicPartition> partitions) {
    partitions.forEach(states::remove);
    monitor.notice(new Event.Rebalanced(group, List.of(), names(partitions)));
  }

  @Override
  public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
    for (TopicPartition tp : partitions) {
      states.putIfAbsent(tp, new PartitionState());
    }
    assignedOnce = true;
    monitor.notice(new Event.Rebalanced(group, names(partitions), List.of()));
  }

  private static List<String> names(Collection<TopicPartition> partitions) {
    return partitions.stream().map(TopicPartition::toString).sorted().toList();
  }

  private static List<Header> headers(Headers headers) {
    List<Header> list = new ArrayList<>();
    for (org.apache.kafka.common.header.Header h : headers) {
      list.add(new Header(h.key(), h.value()));
    }
    return list;
  }

  /** Per-partition bookkeeping; touched by the poll thread only. */
  private static final class PartitionState {
    boolean inFlight;
    long committable = -1;
    long committed = -1;
    long failedOffset = -1;
    int attempts;
    long retryAt;
  }

  /** What a pool thread hands back to the poll thread. */
  private record Completion(TopicPartition tp, Batch batch, BatchResult result, Throwable error,
                            Long deadLettered) {
    Completion(TopicPartition tp, Batch batch, BatchResult result, Throwable error) {
      this(tp, batch, result, error, null);
    }
  }
}
