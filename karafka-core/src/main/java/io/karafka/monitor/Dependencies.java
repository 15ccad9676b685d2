package io.karafka.monitor;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The outside dependencies of one process, each with its {@link Dependency} state: what
 * components report their attempts to, and what health checks read. One per app
 * ({@code app.dependencies()}).
 *
 * <p>Thread-safe.
 */
public final class Dependencies {
  private final Monitor monitor;
  private final Clock clock;
  private final Duration reminderInterval;
  private final Map<String, Dependency> tracked = new ConcurrentHashMap<>();

  /**
   * @param monitor told of every change
   * @param clock time of outages
   * @param reminderInterval how often a still-down dependency is told again
   */
  public Dependencies(Monitor monitor, Clock clock, Duration reminderInterval) {
    this.monitor = Objects.requireNonNull(monitor, "monitor");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.reminderInterval = Objects.requireNonNull(reminderInterval, "reminderInterval");
    if (reminderInterval.isNegative() || reminderInterval.isZero()) {
      throw new IllegalArgumentException("reminderInterval must be positive, was "
          + reminderInterval);
    }
  }

  /** @return the monitor changes are told to, for a component's own events */
  public Monitor monitor() {
    return monitor;
  }

  /**
   * @return states for a component used without an app (a job store or web UI on its own):
   *     changes go to a {@link LoggingMonitor} on the {@code io.karafka} logger, reminders once a
   *     minute
   */
  public static Dependencies standalone() {
    return new Dependencies(new LoggingMonitor(), Clock.systemUTC(), Duration.ofMinutes(1));
  }

  /**
   * @param name what it is, e.g. {@code "job store"}; one state per name
   * @param address where it is, secrets masked
   * @param consequence what the process does while it is down
   * @return the dependency's state, the same one for the same name
   */
  public Dependency track(String name, String address, String consequence) {
    return tracked.computeIfAbsent(Objects.requireNonNull(name, "name"),
        n -> new Dependency(n, address, consequence, monitor, clock, reminderInterval));
  }

  /** @return every tracked dependency, by name */
  public List<Dependency> all() {
    List<Dependency> list = new ArrayList<>(tracked.values());
    list.sort(java.util.Comparator.comparing(Dependency::name));
    return list;
  }
}
