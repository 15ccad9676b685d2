package io.karafka.kafka;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;

/**
 * One assigned partition: the queue of polled batches a pool thread works through in order
 * (shared with that thread), and the poll thread's bookkeeping of commits and failures.
 */
final class PartitionState {
  /** Polled batches queued per partition before the partition is paused. */
  private static final int MAX_PENDING = 64;
  /** Bytes of polled payloads queued per partition before the partition is paused. */
  private static final long MAX_PENDING_BYTES = 8L * 1024 * 1024;

  final TopicPartition tp;
  final ConcurrentLinkedQueue<PartitionWork.Queued> queue = new ConcurrentLinkedQueue<>();
  final AtomicInteger queued = new AtomicInteger();
  final java.util.concurrent.atomic.AtomicLong queuedBytes =
      new java.util.concurrent.atomic.AtomicLong();
  /** A pool thread is working through the queue. */
  final AtomicBoolean draining = new AtomicBoolean();
  /** Set after a failure (or to stop): the pool thread starts no further batch. */
  volatile boolean halted;
  volatile boolean deadLetterInFlight;
  /** Paused by us (poll thread writes, pool threads read to know whether to wake it). */
  volatile boolean paused;

  // poll thread only
  long committable = -1;
  /** The id of the topic incarnation {@link #committable} was handled on ({@code ""}: unknown). */
  String committableTopicId = "";
  long committed = -1;
  long failedOffset = -1;
  int attempts;
  /** When the failed offset is tried again (by the group's clock); null when none is waiting. */
  java.time.Instant retryAt;
  boolean deadLettering;
  /** The offset after the last batch dispatched; one below it means the position went back. */
  long nextOffset = -1;
  /**
   * The id of the topic incarnation the consumer's position is on, as last told ({@code ""}:
   * unknown); another id now means the topic was recreated under the partition.
   */
  String topicId = "";

  PartitionState(TopicPartition tp) {
    this(tp, "");
  }

  PartitionState(TopicPartition tp, String topicId) {
    this.tp = tp;
    this.topicId = topicId;
  }

  /** Messages before {@code offset}, of the topic incarnation {@code topicId}, are handled. */
  void handledUpTo(long offset, String topicId) {
    if (offset > committable) {
      committable = offset;
      committableTopicId = topicId;
    }
  }

  /** @return whether the partition waits for a retry or a dead letter */
  boolean blocked() {
    return retryAt != null || deadLettering;
  }

  /** @return whether its queue is full: it is paused until a pool thread works some off */
  boolean full() {
    return full(queued.get(), queuedBytes.get());
  }

  static boolean full(int batches, long bytes) {
    return batches >= MAX_PENDING || bytes >= MAX_PENDING_BYTES;
  }

  /** @return whether a pool thread still works on this partition */
  boolean busy() {
    return draining.get() || deadLetterInFlight;
  }

  void discardQueued() {
    queue.clear();
    queued.set(0);
    queuedBytes.set(0);
  }
}
