package io.karafka.consumer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One consumer group's poll loop as a {@link MessageSource} sees it, for health checks.
 *
 * @param group the consumer group
 * @param joined whether the group has had partitions assigned since it started
 * @param partitions partitions it holds now
 * @param lastPoll when its poll loop last came back; empty before the first poll
 * @param maxPollInterval how long the loop may stay away before Kafka (and a liveness probe)
 *     takes the member for dead ({@code max.poll.interval.ms})
 * @param lag the partitions it holds, with how many messages each is behind its log end, as
 *     last seen by the consumer (sampled about once a second; a partition not fetched yet is
 *     left out)
 */
public record GroupStatus(String group, boolean joined, int partitions,
                          Optional<Instant> lastPoll, Duration maxPollInterval, List<Lag> lag) {
  /** Checks and copies. */
  public GroupStatus {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(lastPoll, "lastPoll");
    Objects.requireNonNull(maxPollInterval, "maxPollInterval");
    lag = List.copyOf(lag);
  }

  /**
   * How far a partition is behind.
   *
   * @param topic Kafka's topic name
   * @param partition partition
   * @param messages messages between the consumer's position and the log end
   */
  public record Lag(String topic, int partition, long messages) {
    /** Checks. */
    public Lag {
      Objects.requireNonNull(topic, "topic");
    }
  }
}
