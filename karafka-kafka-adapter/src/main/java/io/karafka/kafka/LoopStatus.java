package io.karafka.kafka;

import io.karafka.app.KafkaSettings;
import io.karafka.consumer.GroupStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;

/**
 * What a group's poll loop tells health checks and metrics: whether it joined, when its poll
 * last came back, the partitions it holds and their lag. Written by the poll thread, read by any.
 */
final class LoopStatus {
  private static final long LAG_EVERY_NANOS = 1_000_000_000L;
  private final String group;
  private final Duration maxPollInterval;
  private volatile boolean joined;
  private volatile Instant lastPoll;
  private volatile int held;
  private volatile List<GroupStatus.Lag> lag = List.of();
  private long lagSampledAt;

  LoopStatus(String group, KafkaSettings settings) {
    this.group = group;
    String interval = settings.properties().get(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG);
    this.maxPollInterval = Duration.ofMillis(interval == null ? 300_000
        : Long.parseLong(interval.strip()));
  }

  /** The poll came back (with records, nothing, or an error). */
  void polled(Instant at) {
    lastPoll = at;
  }

  /** Partitions were assigned or taken: it holds this many now. */
  void holds(int partitions, boolean assigned) {
    held = partitions;
    joined |= assigned;
  }

  boolean joined() {
    return joined;
  }

  /** About once a second: each held partition's lag, from what the consumer last fetched. */
  void sampleLag(Consumer<byte[], byte[]> consumer) {
    long now = System.nanoTime();
    if (now - lagSampledAt < LAG_EVERY_NANOS) {
      return;
    }
    lagSampledAt = now;
    List<GroupStatus.Lag> sampled = new ArrayList<>();
    for (TopicPartition tp : consumer.assignment()) {
      OptionalLong behind = consumer.currentLag(tp);
      if (behind.isPresent()) {
        sampled.add(new GroupStatus.Lag(tp.topic(), tp.partition(), behind.getAsLong()));
      }
    }
    sampled.sort(Comparator.comparing(GroupStatus.Lag::topic)
        .thenComparingInt(GroupStatus.Lag::partition));
    lag = List.copyOf(sampled);
  }

  GroupStatus status() {
    return new GroupStatus(group, joined, held, Optional.ofNullable(lastPoll), maxPollInterval,
        lag);
  }
}
