package io.karafka.kafka;

import io.karafka.app.KafkaSettings;
import io.karafka.monitor.Dependency;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Whether one consumer group is in touch with Kafka, as its {@link Dependency} state
 * ({@code "kafka group <group>"}). Used by the group's poll thread only.
 *
 * <p>In touch means: polled records, or a member of the group whose brokers answer. kafka-clients
 * stays a member (its generation stays valid) while the brokers are gone, and an idle poll
 * returns nothing either way, so when no record came for {@link #probeInterval} the poll thread
 * asks the partition leaders for their end offsets (a ListOffsets round trip, at most one per
 * interval and only while idle). No contact for {@code kafka.sessionTimeout}: down, told once;
 * the next records or answered probe: recovered.
 */
final class KafkaContact {
  private final String group;
  private final List<String> topics;
  private final KafkaSettings settings;
  private final Dependency state;
  private final Clock clock;
  private final Duration probeInterval;
  private long lastContact;
  private long lastProbe;
  /** Polls refused in a row (authentication or authorization), for the back-off. */
  private int refusals;
  /** Since when (millis) the consumer has not been a member of its group; -1 while it is. */
  private long outOfGroupSince;

  KafkaContact(String group, List<String> topics, KafkaSettings settings, Dependency state,
               Clock clock) {
    this.group = group;
    this.topics = topics;
    this.settings = settings;
    this.state = state;
    this.clock = clock;
    Duration third = settings.sessionTimeout().dividedBy(3);
    this.probeInterval = third.compareTo(Duration.ofSeconds(3)) < 0 ? third
        : Duration.ofSeconds(3);
    long now = clock.millis();
    this.lastContact = now;
    this.lastProbe = now;
    this.outOfGroupSince = now;
  }

  /** Records came back from a poll: Kafka answers. */
  void polled() {
    lastContact = clock.millis();
    state.succeeded();
  }

  /** A poll went through: the refusal back-off starts again from 1 s. */
  void accepted() {
    refusals = 0;
  }

  /**
   * Waits 1 s, 2 s, 4 s ... up to 30 s between refused polls, and returns early once
   * {@code running} says stop.
   */
  void pauseAfterRefusal(java.util.function.BooleanSupplier running) {
    long wait = Math.min(30_000L, 1_000L << Math.min(5, refusals++));
    long until = System.nanoTime() + wait * 1_000_000L;
    while (running.getAsBoolean() && System.nanoTime() - until < 0) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** A poll was refused (authentication or authorization): down at once, with Kafka's reason. */
  void refused(RuntimeException error) {
    state.failed(error);
  }

  /** After each poll: membership, a probe when idle, the reminder while down. */
  void check(Consumer<byte[], byte[]> consumer) {
    long now = clock.millis();
    boolean member;
    try {
      member = consumer.groupMetadata().generationId() > 0;
    } catch (RuntimeException e) {
      member = false;
    }
    if (!member) {
      if (outOfGroupSince < 0) {
        outOfGroupSince = now;
      } else if (now - outOfGroupSince >= settings.sessionTimeout().toMillis()) {
        state.failed(new KafkaUnavailableException("the consumer of group " + group
            + " has not been in its group for " + (now - outOfGroupSince) / 1000 + " s (kafka"
            + ".sessionTimeout " + settings.sessionTimeout().toSeconds() + " s): Kafka at "
            + hosts() + " is unreachable, or refuses this client; check kafka.hosts and the"
            + " TLS/SASL settings (kafka-clients' log says which)"),
            java.time.Instant.ofEpochMilli(outOfGroupSince));
      }
      state.remind();
      return;
    }
    if (outOfGroupSince >= 0) {
      outOfGroupSince = -1;
      lastContact = now;
      state.succeeded();
    }
    if (now - lastContact >= probeInterval.toMillis()
        && now - lastProbe >= probeInterval.toMillis()) {
      probe(consumer, now);
    }
    state.remind();
  }

  private void probe(Consumer<byte[], byte[]> consumer, long now) {
    lastProbe = now;
    Set<TopicPartition> assigned = consumer.assignment();
    List<TopicPartition> partitions = assigned.isEmpty()
        ? List.of(new TopicPartition(topics.getFirst(), 0)) : List.copyOf(assigned);
    try {
      consumer.endOffsets(partitions, probeInterval);
      lastContact = clock.millis();
      state.succeeded();
    } catch (WakeupException e) {
      return; // a stop, or a pool thread's late wake-up call: the loop decides
    } catch (KafkaException e) {
      long silent = clock.millis() - lastContact;
      if (silent >= settings.sessionTimeout().toMillis()) {
        state.failed(new KafkaUnavailableException("no answer from Kafka at " + hosts()
            + " for " + silent / 1000 + " s (kafka.sessionTimeout " + settings.sessionTimeout()
            .toSeconds() + " s): " + Dependency.reason(e)),
            java.time.Instant.ofEpochMilli(lastContact));
      }
    }
  }

  private String hosts() {
    return String.join(",", settings.hosts());
  }
}
