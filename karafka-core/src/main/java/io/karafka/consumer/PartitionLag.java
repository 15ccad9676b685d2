package io.karafka.consumer;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How far a consumer group is behind on one partition, as the cluster knows it.
 *
 * @param group the consumer group
 * @param topic Kafka's topic name
 * @param partition the partition
 * @param committed the offset the group committed (the next one it reads), if it ever committed
 * @param logEnd the partition's log-end offset (the offset the next message gets)
 * @param lag messages between the committed offset and the log end; for a partition the group
 *     never committed, counted from the partition's earliest offset (what is there to read);
 *     never negative
 * @param member the member that holds the partition now, if any
 */
public record PartitionLag(String group, String topic, int partition, OptionalLong committed,
                           long logEnd, long lag, Optional<GroupMember> member) {
  /** Checks. */
  public PartitionLag {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(committed, "committed");
    Objects.requireNonNull(member, "member");
    if (partition < 0 || logEnd < 0 || lag < 0) {
      throw new IllegalArgumentException("partition, logEnd and lag must not be negative, were "
          + partition + ", " + logEnd + ", " + lag);
    }
  }

  /**
   * @param committed the group's committed offset, if any
   * @param earliest the partition's earliest offset
   * @param logEnd the partition's log-end offset
   * @return the lag as {@link #lag()} defines it
   */
  public static long lag(OptionalLong committed, long earliest, long logEnd) {
    return Math.max(0, logEnd - (committed.isPresent() ? committed.getAsLong() : earliest));
  }
}
