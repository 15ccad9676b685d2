package io.karafka.consumer;

import java.util.List;
import java.util.Objects;

/**
 * One consumer group as the cluster knows it, a snapshot taken by {@link ConsumerGroups}.
 *
 * @param group the group id
 * @param state Kafka's state of the group, e.g. {@code Stable}, {@code Empty} (no member: the app
 *     is down), {@code PreparingRebalance}, {@code Dead} (unknown to the cluster)
 * @param members the processes in the group now, with or without partitions
 * @param partitions every partition of the group's topics, in topic and partition order
 * @param missingTopics the group's topics the cluster does not have (not created yet, or deleted)
 */
public record ConsumerGroup(String group, String state, List<GroupMember> members,
                            List<PartitionLag> partitions, List<String> missingTopics) {
  /** Checks and copies. */
  public ConsumerGroup {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(state, "state");
    members = List.copyOf(members);
    partitions = List.copyOf(partitions);
    missingTopics = List.copyOf(missingTopics);
  }

  /** @return the messages the group is behind, over all its partitions */
  public long lag() {
    return partitions.stream().mapToLong(PartitionLag::lag).sum();
  }

  /**
   * @param member one of the group's members
   * @return how many of the group's partitions it holds
   */
  public long partitionsOf(GroupMember member) {
    return partitions.stream().filter(p -> p.member().filter(member::equals).isPresent())
        .count();
  }
}
