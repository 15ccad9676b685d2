package io.karafka.kafka;

import io.karafka.monitor.Event;
import io.karafka.monitor.Monitor;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Offsets a group committed for an earlier incarnation of a topic. Kafka keeps a group's offsets
 * by topic name and drops them when the topic is deleted, but a commit that lands after the topic
 * is recreated (one retried while the topic was gone, or from a consumer that had not noticed)
 * applies to the new topic: the group would resume there and never read the new topic's first
 * messages.
 *
 * <p>So every commit names its topic's id in its metadata ({@link #offset}), and when partitions
 * are assigned, one whose committed offset names another id than the topic's current one is read
 * as if the group had no offset (from the beginning, or from the end when the group does not
 * start from the beginning), that position is committed at once, and the monitor is told with
 * {@link Event.TopicRecreated}. An offset without an id (written before Karafka named ids, or by
 * another client), a topic whose id is unknown, or a lookup that fails leaves Kafka's behaviour
 * as it is.
 *
 * <p>A partition a member keeps through an incremental rebalance (cooperative-sticky assignor)
 * keeps its position too: kafka-clients tracks positions by topic name, and the rebalance that a
 * topic's deletion starts may find the topic recreated by the time partitions are assigned, and
 * leave its partitions where they were. The member would go on at the old topic's offset and skip
 * the new topic's first messages. So a kept partition whose topic's id changed since its position
 * was taken ({@link #recreated}) is {@link #restart restarted} the same way.
 *
 * <p>Each call to the consumer waits at most {@link #WAIT}.
 *
 * <p>Poll thread only.
 */
final class StaleOffsets {
  static final String PREFIX = "karafka:topic-id=";
  static final Duration WAIT = Duration.ofSeconds(5);
  private static final System.Logger LOG = System.getLogger(StaleOffsets.class.getName());

  private final String group;
  private final Consumer<byte[], byte[]> consumer;
  private final Monitor monitor;
  private final boolean fromBeginning;

  StaleOffsets(String group, Consumer<byte[], byte[]> consumer, Monitor monitor,
               boolean fromBeginning) {
    this.group = group;
    this.consumer = consumer;
    this.monitor = monitor;
    this.fromBeginning = fromBeginning;
  }

  /** @return the offset to commit, naming the topic id in its metadata when it is known */
  static OffsetAndMetadata offset(long offset, String topicId) {
    return topicId.isEmpty() ? new OffsetAndMetadata(offset)
        : new OffsetAndMetadata(offset, PREFIX + topicId);
  }

  /** @return the topic id a committed offset names, or {@code ""} */
  static String topicId(OffsetAndMetadata committed) {
    String metadata = committed.metadata();
    return metadata != null && metadata.startsWith(PREFIX) ? metadata.substring(PREFIX.length())
        : "";
  }

  /**
   * Moves every assigned partition whose committed offset was written for another incarnation of
   * its topic off that offset (a rebalance callback may seek).
   *
   * @param currentIds the topics' ids, as just told by Kafka
   */
  void check(Collection<TopicPartition> partitions, Map<String, String> currentIds) {
    List<TopicPartition> known = partitions.stream()
        .filter(tp -> currentIds.containsKey(tp.topic())).toList();
    if (known.isEmpty()) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> committed;
    try {
      committed = awake(() -> consumer.committed(Set.copyOf(known), WAIT));
    } catch (RuntimeException e) {
      LOG.log(Level.DEBUG, "group {0}: could not read the committed offsets of {1} to compare"
          + " their topic ids: {2}", group, known, e.toString());
      return;
    }
    for (TopicPartition tp : known) {
      OffsetAndMetadata offset = committed.get(tp);
      String now = currentIds.get(tp.topic());
      String then = offset == null ? "" : topicId(offset);
      if (!then.isEmpty() && !then.equals(now)) {
        move(tp, offset.offset(), then, now);
      }
    }
  }

  /**
   * @param held the partitions held before this rebalance
   * @param currentIds the topics' ids, as just told by Kafka
   * @return those whose position was taken on another incarnation of their topic than its
   *     current one
   */
  static List<PartitionState> recreated(Collection<PartitionState> held,
                                        Map<String, String> currentIds) {
    return held.stream().filter(state -> !state.topicId.isEmpty()
        && !state.topicId.equals(currentIds.getOrDefault(state.tp.topic(), state.topicId)))
        .toList();
  }

  /**
   * Moves a partition held while its topic was recreated off its position (reported as the stale
   * offset), and resumes it if it was paused: its state starts again.
   *
   * @param old the partition's state until now, its work stopped
   */
  void restart(PartitionState old, String newId) {
    long position;
    try {
      position = awake(() -> consumer.position(old.tp, WAIT));
    } catch (RuntimeException e) {
      position = -1;
    }
    if (old.paused) {
      consumer.resume(List.of(old.tp));
    }
    move(old.tp, position, old.topicId, newId);
  }

  private void move(TopicPartition tp, long stale, String oldId, String newId) {
    if (fromBeginning) {
      consumer.seekToBeginning(List.of(tp));
    } else {
      consumer.seekToEnd(List.of(tp));
    }
    monitor.notice(new Event.TopicRecreated(group, tp.topic(), tp.partition(), oldId, newId,
        stale, fromBeginning));
    try {
      // replaces the stale offset now: a restart or another member reads the new topic as well
      long position = awake(() -> consumer.position(tp, WAIT));
      awake(() -> {
        consumer.commitSync(Map.of(tp, offset(position, newId)), WAIT);
        return null;
      });
    } catch (RuntimeException e) {
      LOG.log(Level.DEBUG, "group {0}: could not commit the new position of {1} (the first"
          + " commit of a handled message replaces the stale offset): {2}", group, tp,
          e.toString());
    }
  }

  /**
   * Runs a call that a pool thread's {@code wakeup()} may interrupt (those wake the poll thread
   * for finished work; a stop is seen through the poll loop's flag).
   */
  private static <T> T awake(Supplier<T> call) {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (WakeupException e) {
        if (attempt >= 5) {
          throw e;
        }
      }
    }
  }
}
