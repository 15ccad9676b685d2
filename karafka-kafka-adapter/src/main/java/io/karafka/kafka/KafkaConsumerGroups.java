package io.karafka.kafka;

import io.karafka.app.KafkaSettings;
import io.karafka.app.KarafkaApp;
import io.karafka.consumer.ConsumerGroup;
import io.karafka.consumer.ConsumerGroups;
import io.karafka.consumer.ConsumerGroupsUnavailableException;
import io.karafka.consumer.GroupMember;
import io.karafka.consumer.PartitionLag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The {@link ConsumerGroups} port on Kafka's admin client: per group, its state and members
 * ({@code describeConsumerGroups}, the member of each partition from its assignment, host and
 * pid from Karafka's client ids), its committed offsets ({@code listConsumerGroupOffsets}), the
 * partitions of its topics ({@code describeTopics}) and their earliest and latest offsets
 * ({@code listOffsets}). The first three questions go out together, the two offset questions
 * after them: two round trips whatever the number of groups and partitions, each bounded by the
 * timeout. It asks the cluster, so it works with the app stopped. Its admin client retries after
 * 10 ms ({@code retry.backoff.ms}, unless set with {@code kafka.property}): describing a classic
 * group takes a retry (Kafka 4's API first), and Kafka's default 100 ms made most of a page's
 * time.
 *
 * <pre>{@code
 * try (KafkaConsumerGroups groups = new KafkaConsumerGroups(app)) {
 *   groups.describe(ConsumerGroups.topicsOf(app));
 * }
 * }</pre>
 *
 * Thread-safe (one admin client, which is).
 */
public final class KafkaConsumerGroups implements ConsumerGroups {
  private final Admin admin;
  private final String address;
  private final Duration timeout;

  /**
   * An admin client on the app's cluster (hosts, TLS, SASL of its {@code kafka} settings), client
   * id {@code <app>-consumer-groups}, answers within 10 s.
   *
   * @param app the app
   */
  public KafkaConsumerGroups(KarafkaApp app) {
    this(app.config().kafka(), app.name() + "-consumer-groups", Duration.ofSeconds(10));
  }

  /**
   * @param kafka the cluster's settings
   * @param clientId the admin client's id
   * @param timeout how long {@link #describe} may take
   */
  public KafkaConsumerGroups(KafkaSettings kafka, String clientId, Duration timeout) {
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    if (!timeout.isPositive()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    Map<String, Object> properties = KafkaClientProperties.admin(kafka, clientId);
    // describeConsumerGroups asks with Kafka 4's API first and, for a classic group, again with
    // the classic one after a retry back-off: 100 ms by default, most of a page's time
    properties.putIfAbsent(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, 10);
    this.admin = Admin.create(properties);
    this.address = String.join(",", kafka.hosts());
  }

  @Override
  public List<ConsumerGroup> describe(Map<String, List<String>> topics) {
    long deadline = System.nanoTime() + timeout.toNanos();
    int ms = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    Set<String> names = new LinkedHashSet<>();
    topics.values().forEach(names::addAll);
    Map<String, KafkaFuture<TopicDescription>> described = admin.describeTopics(names,
        new DescribeTopicsOptions().timeoutMs(ms)).topicNameValues();
    Map<String, KafkaFuture<ConsumerGroupDescription>> groups = admin.describeConsumerGroups(
        topics.keySet(), new DescribeConsumerGroupsOptions().timeoutMs(ms)).describedGroups();
    Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
    topics.keySet().forEach(group -> specs.put(group, new ListConsumerGroupOffsetsSpec()));
    KafkaFuture<Map<String, Map<TopicPartition, OffsetAndMetadata>>> committed =
        admin.listConsumerGroupOffsets(specs, new ListConsumerGroupOffsetsOptions()
            .timeoutMs(ms)).all();

    Map<String, Integer> partitions = new HashMap<>();
    for (String topic : names) {
      Optional<TopicDescription> description = await(described.get(topic), deadline,
          "describing topic " + topic, UnknownTopicOrPartitionException.class);
      description.ifPresent(d -> partitions.put(topic, d.partitions().size()));
    }
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
    partitions.forEach((topic, count) -> {
      for (int p = 0; p < count; p++) {
        latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        earliest.put(new TopicPartition(topic, p), OffsetSpec.earliest());
      }
    });
    var ends = admin.listOffsets(latest, new ListOffsetsOptions().timeoutMs(ms)).all();
    var starts = admin.listOffsets(earliest, new ListOffsetsOptions().timeoutMs(ms)).all();
    Map<String, Map<TopicPartition, OffsetAndMetadata>> offsets = await(committed, deadline,
        "listing the groups' committed offsets", null).orElseThrow();
    Map<TopicPartition, ListOffsetsResultInfo> end = await(ends, deadline,
        "listing the log-end offsets", null).orElseThrow();
    Map<TopicPartition, ListOffsetsResultInfo> start = await(starts, deadline,
        "listing the earliest offsets", null).orElseThrow();

    List<ConsumerGroup> result = new ArrayList<>();
    for (Map.Entry<String, List<String>> group : topics.entrySet()) {
      Optional<ConsumerGroupDescription> description = await(groups.get(group.getKey()),
          deadline, "describing group " + group.getKey(), GroupIdNotFoundException.class);
      Map<TopicPartition, GroupMember> holders = new HashMap<>();
      List<GroupMember> members = new ArrayList<>();
      description.ifPresent(d -> d.members().forEach(m -> {
        GroupMember member = member(m);
        members.add(member);
        m.assignment().topicPartitions().forEach(tp -> holders.put(tp, member));
      }));
      members.sort(Comparator.comparing(GroupMember::clientId));
      Map<TopicPartition, OffsetAndMetadata> ofGroup = offsets.getOrDefault(group.getKey(),
          Map.of());
      List<PartitionLag> lags = new ArrayList<>();
      List<String> missing = new ArrayList<>();
      for (String topic : group.getValue()) {
        if (!partitions.containsKey(topic)) {
          missing.add(topic);
          continue;
        }
        for (int p = 0; p < partitions.get(topic); p++) {
          TopicPartition tp = new TopicPartition(topic, p);
          OffsetAndMetadata at = ofGroup.get(tp);
          OptionalLong offset = at == null ? OptionalLong.empty() : OptionalLong.of(at.offset());
          long logEnd = end.get(tp).offset();
          lags.add(new PartitionLag(group.getKey(), topic, p, offset, logEnd,
              PartitionLag.lag(offset, start.get(tp).offset(), logEnd),
              Optional.ofNullable(holders.get(tp))));
        }
      }
      result.add(new ConsumerGroup(group.getKey(), description.map(d -> d.groupState()
          .toString()).orElse("Dead"), members, lags, missing));
    }
    return result;
  }

  private static GroupMember member(MemberDescription m) {
    Optional<ClientIds.HostAndPid> named = ClientIds.hostAndPid(m.clientId());
    String seen = m.host().startsWith("/") ? m.host().substring(1) : m.host();
    return new GroupMember(m.consumerId(), m.clientId(), named.map(ClientIds.HostAndPid::host)
        .orElse(seen), named.map(ClientIds.HostAndPid::pid).orElse(OptionalLong.empty()));
  }

  /**
   * @param absent the error that means "no such thing" (empty result), or null
   * @throws ConsumerGroupsUnavailableException naming the question, the cluster and the cause
   */
  private <T> Optional<T> await(KafkaFuture<T> future, long deadline, String what,
                                Class<? extends Throwable> absent) {
    try {
      return Optional.of(future.get(Math.max(1, deadline - System.nanoTime()),
          TimeUnit.NANOSECONDS));
    } catch (ExecutionException e) {
      if (absent != null && absent.isInstance(e.getCause())) {
        return Optional.empty();
      }
      throw unavailable(what, e.getCause());
    } catch (TimeoutException e) {
      throw unavailable(what, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable(what, e);
    }
  }

  private ConsumerGroupsUnavailableException unavailable(String what, Throwable cause) {
    return new ConsumerGroupsUnavailableException("the Kafka cluster at " + address
        + " gave no answer " + what + " (timeout " + timeout.toMillis() + " ms): " + cause,
        cause);
  }

  @Override
  public String address() {
    return address;
  }

  /** Closes the admin client (waiting up to the timeout for requests in flight). */
  @Override
  public void close() {
    admin.close(timeout);
  }
}
