package io.karafka.monitor;

import java.util.List;
import java.util.Optional;

/**
 * Receives every {@link Event} Karafka produces: the hook for logging, metrics and error
 * trackers. The default is a {@link LoggingMonitor}; replacing it replaces logging too, so combine
 * them to keep both:
 *
 * <pre>{@code
 * config.monitor(Monitor.combine(new LoggingMonitor(), event -> {
 *   if (event instanceof Event.MessageFailed f) errorTracker.notify(f.error());
 * }));
 * }</pre>
 *
 * <p>Called from consumer and worker threads at once: implementations must be thread-safe and
 * quick. An exception thrown by a monitor is caught and never breaks message handling.
 */
@FunctionalInterface
public interface Monitor {
  /** @param event what happened */
  void notice(Event event);

  /**
   * Finds a monitor of a type among this one and, for a {@link #combine combined} one, its
   * parts: e.g. what serves the {@code /metrics} endpoint of {@code HealthServer}.
   *
   * @return the first one that is an instance of {@code type}
   */
  default <T> Optional<T> find(Class<T> type) {
    return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
  }

  /** @return a monitor that ignores everything */
  static Monitor none() {
    return event -> { };
  }

  /**
   * @param monitors called in order; one that throws does not stop the others
   * @return one monitor that tells all of them
   */
  static Monitor combine(Monitor... monitors) {
    if (monitors.length == 1 && monitors[0] instanceof CompositeMonitor already) {
      return already;
    }
    return new CompositeMonitor(List.of(monitors));
  }
}
