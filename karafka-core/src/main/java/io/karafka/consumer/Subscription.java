package io.karafka.consumer;

import java.util.Objects;

/**
 * One topic a {@link MessageSource} must consume, in which group, how.
 *
 * @param group consumer group id
 * @param topic Kafka's topic name (after the topic mapper's {@code outgoing})
 * @param batchMode whether the route handles a whole poll of a partition at once
 * @param startFromBeginning read from the earliest offset when the group has no committed offset
 */
public record Subscription(String group, String topic, boolean batchMode,
                           boolean startFromBeginning) {
  /** Validates. */
  public Subscription {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(topic, "topic");
  }
}
