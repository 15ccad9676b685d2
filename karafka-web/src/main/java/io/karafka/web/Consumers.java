package io.karafka.web;

import io.karafka.consumer.ConsumerGroup;
import io.karafka.consumer.ConsumerGroups;
import io.karafka.consumer.ConsumerGroupsUnavailableException;
import io.karafka.job.JobBrowser;
import io.karafka.job.JobStore;
import io.karafka.job.JobStoreUnavailableException;
import io.karafka.job.ProcessInfo;
import io.karafka.monitor.Dependencies;
import io.karafka.monitor.Dependency;
import io.karafka.web.ConsumersHtml.Part;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Gathers the consumers page of {@link JobsWeb}: the consumer groups from the cluster, the worker
 * processes from the store, the recent errors of this process. A part that cannot be had says
 * why, and the others are still shown; the cluster's and the store's outages are told through
 * their dependency states ({@code "kafka (web UI)"}, {@code "job store (web UI)"}).
 * Thread-safe.
 */
final class Consumers {
  private final JobStore store;
  private final Dependency storeState;
  private final ConsumerGroups groups;
  private final Map<String, List<String>> topics;
  private final RecentErrors errors;
  private final Dependency kafkaState;
  private final Clock clock;

  /** @param groups null when not given; @param errors null when not given */
  Consumers(JobStore store, Dependency storeState, ConsumerGroups groups,
            Map<String, List<String>> topics, RecentErrors errors, Dependencies dependencies,
            Clock clock) {
    this.store = store;
    this.storeState = storeState;
    this.groups = groups;
    this.topics = topics;
    this.errors = errors;
    this.kafkaState = groups == null ? null : dependencies.track("kafka (web UI)",
        groups.address(), "the web UI's consumers page shows no lag until it is back");
    this.clock = clock;
  }

  String page() {
    return ConsumersHtml.page(groups(), workers(), errors == null ? Part.missing("Not"
        + " recorded: add a RecentErrors to the app's monitor (Monitor.combine(..., errors))"
        + " and give it to the UI with .recentErrors(errors).") : Part.of(errors),
        clock.instant());
  }

  private Part<List<ConsumerGroup>> groups() {
    if (groups == null) {
      return Part.missing("Not shown: give the UI the app's consumer groups with"
          + " .consumers(new KafkaConsumerGroups(app), app) (karafka-kafka-adapter).");
    }
    try {
      List<ConsumerGroup> described = groups.describe(topics);
      kafkaState.succeeded();
      return Part.of(described);
    } catch (ConsumerGroupsUnavailableException e) {
      kafkaState.failed(e);
      return Part.missing(e.getMessage());
    }
  }

  private Part<List<ProcessInfo>> workers() {
    if (!(store instanceof JobBrowser browser)) {
      return Part.missing("This job store cannot list its processes (it is no JobBrowser).");
    }
    try {
      List<ProcessInfo> processes = browser.processes();
      storeState.succeeded();
      return Part.of(processes);
    } catch (JobStoreUnavailableException e) {
      storeState.failed(e);
      return Part.missing(e.getMessage());
    }
  }
}
