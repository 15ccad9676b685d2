package io.karafka.micrometer;

import io.karafka.monitor.Event;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.function.Supplier;

/** Turns each {@link Event} into its meters: one exhaustive switch, so no event is forgotten. */
final class EventMeters {
  private final MessageMeters messages;
  private final JobMeters jobs;
  private final ProcessMeters process;

  EventMeters(MeterRegistry registry, Supplier<Clock> clock) {
    messages = new MessageMeters(registry);
    jobs = new JobMeters(registry, clock);
    process = new ProcessMeters(registry);
  }

  void record(Event event) {
    switch (event) {
      case Event.MessagesReceived e -> messages.received(e);
      case Event.CallbackAborted e -> messages.aborted(e);
      case Event.ParserFailed e -> messages.parserFailed(e);
      case Event.MessagePerformed e -> messages.performed(e);
      case Event.MessageFailed e -> messages.failed(e);
      case Event.MessageRetrying e -> messages.retrying(e);
      case Event.MessagesDeadLettered e -> messages.deadLettered(e);
      case Event.DuplicatesSkipped e -> messages.duplicatesSkipped(e);
      case Event.TopicRecreated e -> messages.topicRecreated(e);
      case Event.ResponsesSent e -> process.responsesSent(e);
      case Event.JobsEnqueued e -> jobs.enqueued(e);
      case Event.JobPerformed e -> jobs.performed(e);
      case Event.JobFailed e -> jobs.failed(e);
      case Event.JobRetried e -> jobs.retried(e);
      case Event.JobDead e -> jobs.dead(e);
      case Event.JobsRecovered e -> jobs.recovered(e);
      case Event.WorkerStopped e -> jobs.workerStopped(e);
      case Event.Rebalanced e -> process.rebalanced(e);
      case Event.DependencyDown e -> process.dependencyDown(e);
      case Event.DependencyStillDown e -> { } // karafka.dependency.up tells it, once bound
      case Event.DependencyRecovered e -> process.dependencyRecovered(e);
      case Event.ErrorOccurred e -> process.error(e);
    }
  }
}
