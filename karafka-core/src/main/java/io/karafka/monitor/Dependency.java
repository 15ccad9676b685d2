package io.karafka.monitor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The state of one outside dependency of a process (Kafka, the producer, a job store, a LISTEN
 * connection): up, or down since a time. Whoever talks to the dependency reports each attempt's
 * outcome; the state turns those into events, on change only:
 *
 * <ul>
 *   <li>the first failure after it was up: {@link Event.DependencyDown} (logged at WARN);</li>
 *   <li>while it stays down: {@link Event.DependencyStillDown} once per reminder interval, on the
 *       next failure or {@link #remind()} after the interval passed;</li>
 *   <li>the first success after it was down: {@link Event.DependencyRecovered} (logged at INFO)
 *       with how long the outage lasted and how many attempts failed.</li>
 * </ul>
 *
 * Every outage of a process is told the same way, the tenth as the first.
 *
 * <pre>{@code
 * Dependency store = app.dependencies().track("job store", "redis://redis:6379/0",
 *     "messages wait in Kafka; offsets are not committed past them");
 * try {
 *   jobs.enqueue(batch);
 *   store.succeeded();
 * } catch (JobStoreUnavailableException e) {
 *   store.failed(e);
 * }
 * }</pre>
 *
 * <p>Thread-safe; events are told in the order of the transitions.
 */
public final class Dependency {
  private final String name;
  private final String address;
  private final String consequence;
  private final Monitor monitor;
  private final Clock clock;
  private final Duration reminderInterval;
  private Instant downSince;
  /** Whether an outage is going on: read without the lock on every success (a hot path). */
  private volatile boolean down;
  private Instant lastTold;
  private long attempts;
  private String reason;

  Dependency(String name, String address, String consequence, Monitor monitor, Clock clock,
             Duration reminderInterval) {
    this.name = Objects.requireNonNull(name, "name");
    this.address = Objects.requireNonNull(address, "address");
    this.consequence = Objects.requireNonNull(consequence, "consequence");
    this.monitor = Objects.requireNonNull(monitor, "monitor");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.reminderInterval = Objects.requireNonNull(reminderInterval, "reminderInterval");
  }

  /** @return what it is, e.g. {@code "job store"} */
  public String name() {
    return name;
  }

  /** @return where it is, secrets masked */
  public String address() {
    return address;
  }

  /** An attempt worked: ends an outage, if there was one. Cheap while up. */
  public void succeeded() {
    if (down) {
      recovered();
    }
  }

  private synchronized void recovered() {
    if (downSince == null) {
      return;
    }
    down = false;
    Duration downFor = Duration.between(downSince, clock.instant());
    long failed = attempts;
    downSince = null;
    attempts = 0;
    reason = null;
    monitor.notice(new Event.DependencyRecovered(name, address, downFor, failed));
  }

  /**
   * An attempt failed: starts an outage, or counts one more failed attempt of the current one
   * (and reminds when the interval has passed).
   *
   * @param error what was thrown; its root cause becomes the reason told
   */
  public synchronized void failed(Throwable error) {
    failed(error, clock.instant());
  }

  /**
   * As {@link #failed(Throwable)}, for a dependency found down only some time after it stopped
   * answering (Kafka: a session timeout without an answer).
   *
   * @param error what was thrown; its root cause becomes the reason told
   * @param since when it last answered: an outage starting now counts from then
   */
  public synchronized void failed(Throwable error, Instant since) {
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(since, "since");
    Instant now = clock.instant();
    attempts++;
    reason = reason(error);
    if (downSince == null) {
      down = true;
      downSince = since.isAfter(now) ? now : since;
      lastTold = now;
      monitor.notice(new Event.DependencyDown(name, address, reason, consequence, error));
    } else {
      remindIfDue(now);
    }
  }

  /** Reminds that the outage goes on, when one does and the interval has passed. */
  public synchronized void remind() {
    if (downSince != null) {
      remindIfDue(clock.instant());
    }
  }

  /** @return true unless an outage is going on */
  public synchronized boolean isUp() {
    return downSince == null;
  }

  /** @return failed attempts of the current outage; 0 while up */
  public synchronized long failedAttempts() {
    return downSince == null ? 0 : attempts;
  }

  /** @return why the current outage goes on (the last failed attempt's reason); empty while up */
  public synchronized Optional<String> reason() {
    return downSince == null ? Optional.empty() : Optional.ofNullable(reason);
  }

  /** @return what the process does while it is down */
  public String consequence() {
    return consequence;
  }

  /** @return when the current outage began; empty while up */
  public synchronized Optional<Instant> downSince() {
    return Optional.ofNullable(downSince);
  }

  private void remindIfDue(Instant now) {
    if (Duration.between(lastTold, now).compareTo(reminderInterval) >= 0) {
      lastTold = now;
      monitor.notice(new Event.DependencyStillDown(name, address, reason,
          Duration.between(downSince, now), attempts));
    }
  }

  /**
   * @return the innermost cause's message (the server's own words, not a wrapper's such as
   *     "Connection is closed"), or its class name when it has no message
   */
  public static String reason(Throwable error) {
    Throwable root = error;
    int depth = 0;
    while (root.getCause() != null && root.getCause() != root && depth++ < 32) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null || message.isBlank() ? root.getClass().getSimpleName()
        : message.strip();
  }

  @Override
  public String toString() {
    return name + " (" + address + ")";
  }
}
