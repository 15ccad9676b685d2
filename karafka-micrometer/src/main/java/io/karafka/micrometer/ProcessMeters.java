package io.karafka.micrometer;

import io.karafka.monitor.Event;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** The meters of the process around the messages: responses, rebalances, outages, errors. */
final class ProcessMeters {
  private final MeterCache<ResponseKey, Counter> responses;
  private final MeterCache<String, GroupMeters> groups;
  private final MeterCache<String, OutageMeters> outages;
  private final MeterCache<ErrorKey, Counter> errors;

  ProcessMeters(MeterRegistry registry) {
    responses = new MeterCache<>(key -> Counter.builder("karafka.responses.sent")
        .description("response messages acknowledged by Kafka")
        .tags("responder", key.responder(), "topic", key.topic()).register(registry));
    groups = new MeterCache<>(group -> new GroupMeters(registry, group));
    outages = new MeterCache<>(dependency -> new OutageMeters(registry, dependency));
    errors = new MeterCache<>(key -> Counter.builder("karafka.errors")
        .description("failures outside the flow of one message (connections, commits,"
            + " monitors)").tags("source", key.source(), "error", key.error())
        .register(registry));
  }

  void responsesSent(Event.ResponsesSent e) {
    for (String topic : e.topics()) {
      responses.get(new ResponseKey(e.responder(), topic)).increment();
    }
  }

  void rebalanced(Event.Rebalanced e) {
    GroupMeters meters = groups.get(e.group());
    meters.rebalances.increment();
    meters.assigned.increment(e.assigned().size());
    meters.revoked.increment(e.revoked().size());
  }

  void dependencyDown(Event.DependencyDown e) {
    outages.get(e.dependency()).outages.increment();
  }

  void dependencyRecovered(Event.DependencyRecovered e) {
    outages.get(e.dependency()).downtime.record(e.downFor());
  }

  void error(Event.ErrorOccurred e) {
    errors.get(new ErrorKey(e.source(), e.error().getClass().getName())).increment();
  }

  /** A responder's messages to a topic. */
  private record ResponseKey(String responder, String topic) {}

  /** Errors of one source and class. */
  private record ErrorKey(String source, String error) {}

  /** The rebalance counters of a consumer group. */
  private static final class GroupMeters {
    final Counter rebalances;
    final Counter assigned;
    final Counter revoked;

    GroupMeters(MeterRegistry registry, String group) {
      rebalances = Counter.builder("karafka.rebalances").tag("group", group)
          .description("changes of the partitions a consumer group holds").register(registry);
      assigned = Counter.builder("karafka.partitions.assigned").tag("group", group)
          .description("partitions assigned to the group's consumer").register(registry);
      revoked = Counter.builder("karafka.partitions.revoked").tag("group", group)
          .description("partitions taken from the group's consumer").register(registry);
    }
  }

  /** The outages of a dependency. */
  private static final class OutageMeters {
    final Counter outages;
    final Timer downtime;

    OutageMeters(MeterRegistry registry, String dependency) {
      outages = Counter.builder("karafka.dependency.outages").tag("dependency", dependency)
          .description("times the dependency went down").register(registry);
      downtime = Timer.builder("karafka.dependency.downtime").tag("dependency", dependency)
          .description("how long each outage of the dependency lasted, recorded when it ended")
          .register(registry);
    }
  }
}
