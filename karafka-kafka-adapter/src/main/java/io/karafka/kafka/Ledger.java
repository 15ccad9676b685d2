package io.karafka.kafka;

import io.karafka.app.KafkaSettings;
import io.karafka.consumer.Batch;
import io.karafka.consumer.BatchResult;
import io.karafka.job.JobStoreUnavailableException;
import io.karafka.message.Message;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The offset and retry bookkeeping of one consumer group, on the injected {@link Clock}: what
 * each partition may commit, how often its current failure was tried, when it is retried and what
 * goes to the dead-letter topic, and when the next commit is due. It decides; the poll thread
 * carries out (seek, pause, publish, commit). Used by the poll thread only.
 */
final class Ledger {
  private final KafkaSettings settings;
  private final boolean batchMode;
  private final boolean deadLetters;
  private final Clock clock;
  private Instant lastCommit;
  private long handledSinceCommit;

  /** What to do about a failed batch. */
  sealed interface Decision {
    /** Seek back to {@code offset} and handle it again at {@code at}. */
    record Retry(long offset, Instant at) implements Decision {}

    /**
     * Publish the messages to the dead-letter topic (their {@code attempts}-th failure), then go on
     * at {@code next}.
     */
    record DeadLetter(List<Message> messages, int attempts, long next) implements Decision {}
  }

  /**
   * @param deadLetters whether a dead-letter topic is set
   */
  Ledger(KafkaSettings settings, boolean batchMode, boolean deadLetters, Clock clock) {
    this.settings = settings;
    this.batchMode = batchMode;
    this.deadLetters = deadLetters;
    this.clock = clock;
    this.lastCommit = clock.instant();
  }

  /** The batch was handled: everything before {@code commitOffset} may be committed. */
  void handled(PartitionState state, Batch batch, long commitOffset) {
    handledSinceCommit += batch.messages().size();
    state.handledUpTo(commitOffset, batch.topicId());
    if (state.failedOffset >= 0 && commitOffset > state.failedOffset) {
      state.failedOffset = -1;
      state.attempts = 0;
    }
  }

  /**
   * The batch failed at {@code failed.commitOffset()}: what came before it is handled, and the
   * failure is retried with a doubling back-off, or, after {@code kafka.maxAttempts} tries and with
   * a dead-letter topic, dead-lettered. A job store outage is always retried.
   *
   * @param finishing the partition is being given up: record what was handled, decide nothing
   * @return what to do, or null when finishing
   */
  Decision failed(PartitionState state, Batch batch, BatchResult.Failed failed,
                  boolean finishing) {
    long offset = failed.commitOffset();
    if (offset > batch.firstOffset()) {
      handledSinceCommit += offset - batch.firstOffset();
      state.handledUpTo(offset, batch.topicId());
    }
    if (finishing) {
      return null;
    }
    if (state.failedOffset == offset) {
      state.attempts++;
    } else {
      state.failedOffset = offset;
      state.attempts = 1;
    }
    boolean infrastructure = failed.error() instanceof JobStoreUnavailableException;
    if (!infrastructure && deadLetters && state.attempts >= settings.maxAttempts()) {
      List<Message> dead = batch.messages().stream().filter(m -> batchMode
          ? m.offset() >= offset : m.offset() == offset).toList();
      state.deadLettering = true;
      return new Decision.DeadLetter(dead, state.attempts, dead.getLast().offset() + 1);
    }
    return retry(state, offset);
  }

  /** Publishing to the dead-letter topic failed: the failed message is retried instead. */
  Decision.Retry deadLetterFailed(PartitionState state) {
    state.deadLettering = false;
    return retry(state, state.failedOffset);
  }

  /** The dead-letter topic took the messages: go on at {@code next}. */
  void deadLettered(PartitionState state, Batch batch, long next) {
    state.deadLettering = false;
    state.handledUpTo(next, batch.topicId());
    state.failedOffset = -1;
    state.attempts = 0;
    handledSinceCommit++;
  }

  /** A dead letter could not even be started: the partition is not waiting for it. */
  void deadLetterAbandoned(PartitionState state) {
    state.deadLettering = false;
  }

  /** @return the partitions whose retry is due now (their wait is over) */
  List<PartitionState> dueRetries(Collection<PartitionState> states) {
    Instant now = clock.instant();
    List<PartitionState> due = new ArrayList<>();
    for (PartitionState state : states) {
      if (state.retryAt != null && !now.isBefore(state.retryAt)) {
        state.retryAt = null;
        due.add(state);
      }
    }
    return due;
  }

  /**
   * @return the offsets to commit now, when a commit is due ({@code kafka.offsetCommitInterval}
   *     passed, or {@code kafka.offsetCommitThreshold} messages were handled), else empty; the
   *     returned offsets count as committed from now on
   */
  Map<TopicPartition, OffsetAndMetadata> commitIfDue(Collection<PartitionState> states) {
    Instant now = clock.instant();
    boolean due = !now.isBefore(lastCommit.plus(settings.offsetCommitInterval()))
        || settings.offsetCommitThreshold() > 0
        && handledSinceCommit >= settings.offsetCommitThreshold();
    if (!due) {
      return Map.of();
    }
    lastCommit = now;
    handledSinceCommit = 0;
    Map<TopicPartition, OffsetAndMetadata> offsets = pending(states);
    for (PartitionState state : states) {
      if (offsets.containsKey(state.tp)) {
        state.committed = state.committable;
      }
    }
    return offsets;
  }

  /** @return the handled offsets of the partitions not committed yet */
  Map<TopicPartition, OffsetAndMetadata> pending(Collection<PartitionState> states) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (PartitionState state : states) {
      if (state.committable >= 0 && state.committable != state.committed) {
        offsets.put(state.tp, StaleOffsets.offset(state.committable, state.committableTopicId));
      }
    }
    return offsets;
  }

  private Decision.Retry retry(PartitionState state, long offset) {
    long factor = 1L << Math.min(30, Math.max(0, state.attempts - 1));
    Duration wait = settings.retryBackoff().multipliedBy(factor);
    if (wait.compareTo(settings.maxRetryBackoff()) > 0 || wait.isNegative()) {
      wait = settings.maxRetryBackoff();
    }
    state.retryAt = clock.instant().plus(wait);
    return new Decision.Retry(offset, state.retryAt);
  }
}
