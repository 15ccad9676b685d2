package io.karafka.examples.monitoring;

import io.karafka.monitor.Event;
import io.karafka.monitor.Monitor;
import java.util.function.BiConsumer;

/**
 * Sends every failure to an error tracker (the original framework's Airbrake/Errbit example):
 * combine it with the logging monitor to keep the logs.
 *
 * <pre>{@code
 * config.monitor(Monitor.combine(new LoggingMonitor(),
 *     new ErrorTrackerMonitor((where, error) -> Airbrake.notify(error, where))));
 * }</pre>
 */
public final class ErrorTrackerMonitor implements Monitor {
  private final BiConsumer<String, Throwable> tracker;

  /** @param tracker receives where it happened and the error */
  public ErrorTrackerMonitor(BiConsumer<String, Throwable> tracker) {
    this.tracker = tracker;
  }

  @Override
  public void notice(Event event) {
    switch (event) {
      case Event.MessageFailed e -> tracker.accept(e.topic() + "/" + e.partition() + "@"
          + e.offset(), e.error());
      case Event.JobFailed e -> tracker.accept("job " + e.job().id() + " (" + e.job().worker()
          + ")", e.error());
      case Event.ErrorOccurred e -> tracker.accept(e.source(), e.error());
      // an outage once when it begins, not once per failed attempt
      case Event.DependencyDown e -> tracker.accept(e.dependency() + " at " + e.address(),
          e.error());
      default -> { }
    }
  }
}
