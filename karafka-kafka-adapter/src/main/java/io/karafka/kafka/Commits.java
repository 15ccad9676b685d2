package io.karafka.kafka;

import io.karafka.monitor.Event;
import io.karafka.monitor.Monitor;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;

/**
 * The offset commits of one consumer group, as its {@link Ledger} says: asynchronous while
 * consuming, synchronous when partitions are given up or the consumer stops. A failed commit
 * leaves its offsets pending for the next one. Used by the poll thread only.
 */
final class Commits {
  private final String group;
  private final Consumer<byte[], byte[]> consumer;
  private final Monitor monitor;
  private final Ledger ledger;

  Commits(String group, Consumer<byte[], byte[]> consumer, Monitor monitor, Ledger ledger) {
    this.group = group;
    this.consumer = consumer;
    this.monitor = monitor;
    this.ledger = ledger;
  }

  /** Commits what was handled, asynchronously, when a commit is due. */
  void ifDue(Map<TopicPartition, PartitionState> states) {
    Map<TopicPartition, OffsetAndMetadata> offsets = ledger.commitIfDue(states.values());
    if (offsets.isEmpty()) {
      return;
    }
    consumer.commitAsync(offsets, (committed, error) -> {
      if (error != null) {
        if (!(error instanceof RetriableException)) {
          // a retriable one is committed again at the next interval; when Kafka stays away,
          // the group's dependency state tells that outage once
          monitor.notice(new Event.ErrorOccurred("offset commit of group " + group, error));
        }
        committed.keySet().forEach(tp -> {
          PartitionState state = states.get(tp);
          if (state != null) {
            state.committed = -1;
          }
        });
      }
    });
  }

  /** Commits what was handled on these partitions now, waiting for the broker's answer. */
  void now(Collection<TopicPartition> tps, Map<TopicPartition, PartitionState> states) {
    Map<TopicPartition, OffsetAndMetadata> offsets = ledger.pending(tps.stream()
        .map(states::get).filter(Objects::nonNull).toList());
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
          throw e; // a pool thread's late wake-up is retried; a stop this persistent is not
        }
      } catch (RuntimeException e) {
        monitor.notice(new Event.ErrorOccurred("offset commit of group " + group, e));
        return;
      }
    }
  }
}
