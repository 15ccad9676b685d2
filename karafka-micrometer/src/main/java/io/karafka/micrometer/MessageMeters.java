package io.karafka.micrometer;

import io.karafka.monitor.Event;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/** The meters of the consuming side: messages received, performed, failed, skipped, retried. */
final class MessageMeters {
  private final MeterCache<PartitionKey, PartitionMeters> partitions;
  private final MeterCache<RouteKey, RouteMeters> routes;
  private final MeterCache<FailureKey, Counter> failures;
  private final MeterCache<TopicPartition, Counter> parseFailures;

  MessageMeters(MeterRegistry registry) {
    partitions = new MeterCache<>(key -> new PartitionMeters(registry, key.tags()));
    routes = new MeterCache<>(key -> new RouteMeters(registry, key.tags()));
    failures = new MeterCache<>(key -> Counter.builder("karafka.messages.failed")
        .description("messages whose handling failed in the consuming process (not committed)")
        .tags(key.route().tags()).tag("error", key.error()).register(registry));
    parseFailures = new MeterCache<>(key -> Counter.builder("karafka.messages.parse.failed")
        .description("messages the route's parser could not parse (performed with the raw"
            + " payload)")
        .tags(Tags.of("topic", key.topic(), "partition", Integer.toString(key.partition())))
        .register(registry));
  }

  void received(Event.MessagesReceived e) {
    partitions.get(new PartitionKey(e.group(), e.topic(), e.partition())).received
        .increment(e.count());
  }

  void duplicatesSkipped(Event.DuplicatesSkipped e) {
    partitions.get(new PartitionKey(e.group(), e.topic(), e.partition())).duplicatesSkipped
        .increment(e.offsets().size());
  }

  void retrying(Event.MessageRetrying e) {
    partitions.get(new PartitionKey(e.group(), e.topic(), e.partition())).retried.increment();
  }

  void deadLettered(Event.MessagesDeadLettered e) {
    partitions.get(new PartitionKey(e.group(), e.topic(), e.partition())).deadLettered
        .increment(e.offsets().size());
  }

  void topicRecreated(Event.TopicRecreated e) {
    partitions.get(new PartitionKey(e.group(), e.topic(), e.partition())).recreated.increment();
  }

  void performed(Event.MessagePerformed e) {
    RouteMeters meters = routes.get(new RouteKey(e.topic(), e.partition(), e.controller()));
    meters.performed.increment(e.count());
    meters.duration.record(e.took());
  }

  void aborted(Event.CallbackAborted e) {
    routes.get(new RouteKey(e.topic(), e.partition(), e.controller())).aborted.increment();
  }

  void failed(Event.MessageFailed e) {
    failures.get(new FailureKey(new RouteKey(e.topic(), e.partition(), e.controller()),
        e.error().getClass().getName())).increment();
  }

  void parserFailed(Event.ParserFailed e) {
    parseFailures.get(new TopicPartition(e.topic(), e.partition())).increment();
  }

  /** A consumer group's partition. */
  private record PartitionKey(String group, String topic, int partition) {
    Tags tags() {
      return Tags.of("group", group, "topic", topic, "partition", Integer.toString(partition));
    }
  }

  /** A route's partition and controller. */
  private record RouteKey(String topic, int partition, String controller) {
    Tags tags() {
      return Tags.of("topic", topic, "partition", Integer.toString(partition), "controller",
          controller);
    }
  }

  /** A route topic's partition. */
  private record TopicPartition(String topic, int partition) {}

  /** A route's failures of one error class. */
  private record FailureKey(RouteKey route, String error) {}

  /** The counters of a consumer group's partition. */
  private static final class PartitionMeters {
    final Counter received;
    final Counter duplicatesSkipped;
    final Counter retried;
    final Counter deadLettered;
    final Counter recreated;

    PartitionMeters(MeterRegistry registry, Tags tags) {
      received = Counter.builder("karafka.messages.received").tags(tags)
          .description("messages polled and handed to the dispatcher").register(registry);
      duplicatesSkipped = Counter.builder("karafka.messages.duplicates.skipped").tags(tags)
          .description("re-consumed messages whose jobs the store already held")
          .register(registry);
      retried = Counter.builder("karafka.messages.retried").tags(tags)
          .description("times a failed message was set to be read again").register(registry);
      deadLettered = Counter.builder("karafka.messages.dead.lettered").tags(tags)
          .description("messages sent to the dead-letter topic after their last try")
          .register(registry);
      recreated = Counter.builder("karafka.topics.recreated").tags(tags)
          .description("committed offsets not used: written for an earlier incarnation of the"
              + " topic").register(registry);
    }
  }

  /** The meters of a route's partition and controller. */
  private static final class RouteMeters {
    final Counter performed;
    final Durations duration;
    final Counter aborted;

    RouteMeters(MeterRegistry registry, Tags tags) {
      performed = Counter.builder("karafka.messages.performed").tags(tags)
          .description("messages performed in the consuming process (inline)").register(registry);
      duration = new Durations(registry, "karafka.messages.perform.duration",
          "how long one inline perform took, responses included", tags);
      aborted = Counter.builder("karafka.messages.aborted").tags(tags)
          .description("messages a beforeEnqueue callback stopped").register(registry);
    }
  }
}
