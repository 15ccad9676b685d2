package io.karafka.consumer;

import java.time.Duration;
import java.time.Instant;
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
 */
public record GroupStatus(String group, boolean joined, int partitions,
                          Optional<Instant> lastPoll, Duration maxPollInterval) {
  /** Checks. */
  public GroupStatus {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(lastPoll, "lastPoll");
    Objects.requireNonNull(maxPollInterval, "maxPollInterval");
  }
}
