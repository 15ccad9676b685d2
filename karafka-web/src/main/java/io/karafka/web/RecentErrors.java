package io.karafka.web;

import io.karafka.monitor.Event;
import io.karafka.monitor.Monitor;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * A {@link Monitor} that keeps the last errors of this process for the web UI's consumers page:
 * failed messages and parses (their coordinates), failed jobs (their id and worker), dependency
 * outages and other errors, each with its time, error class and message; never a payload. Plug it
 * into the app next to its other monitors, and give the same instance to the web UI:
 *
 * <pre>{@code
 * RecentErrors errors = new RecentErrors();
 * KarafkaApp app = KarafkaApp.builder()
 *     .setup(c -> c.monitor(Monitor.combine(new LoggingMonitor(), errors)))
 *     ...;
 * JobsWeb.builder(store).recentErrors(errors)...
 * }</pre>
 *
 * It sees only the process it runs in: serve the UI from the worker (or server) whose errors
 * you want to see. Thread-safe and quick (a bounded queue under a lock).
 */
public final class RecentErrors implements Monitor {
  /** How many errors are kept by default. */
  public static final int DEFAULT_CAPACITY = 100;
  private static final int MAX_MESSAGE = 500;

  private final int capacity;
  private final Clock clock;
  private final Deque<RecentError> errors = new ArrayDeque<>();

  /** Keeps the last {@value #DEFAULT_CAPACITY} errors, timed by the system clock (UTC). */
  public RecentErrors() {
    this(DEFAULT_CAPACITY, Clock.systemUTC());
  }

  /**
   * @param capacity how many errors to keep, at least 1
   * @param clock what times them
   */
  public RecentErrors(int capacity, Clock clock) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    this.capacity = capacity;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * One error as the page shows it.
   *
   * @param at when it was told
   * @param where what failed: a message's {@code topic/partition@offset} and controller, a job's
   *     id and worker, a dependency, or the source of an error
   * @param errorClass the error's class name
   * @param message the error's message, cut at 500 characters
   */
  public record RecentError(Instant at, String where, String errorClass, String message) {
    /** Checks. */
    public RecentError {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(where, "where");
      Objects.requireNonNull(errorClass, "errorClass");
      Objects.requireNonNull(message, "message");
    }
  }

  @Override
  public void notice(Event event) {
    switch (event) {
      case Event.MessageFailed f -> add(f.topic() + "/" + f.partition() + "@" + f.offset()
          + " (" + f.controller() + ")", f.error());
      case Event.ParserFailed f -> add(f.topic() + "/" + f.partition() + "@" + f.offset()
          + " (parser)", f.error());
      case Event.JobFailed f -> add("job " + f.job().id() + " (" + f.job().worker() + ", retry "
          + f.job().retryCount() + ")", f.error());
      case Event.DependencyDown d -> add(new RecentError(clock.instant(), d.dependency() + " at "
          + d.address() + " down", d.error().getClass().getName(), cut(d.reason())));
      case Event.ErrorOccurred e -> add(e.source(), e.error());
      default -> { }
    }
  }

  /** @return the errors kept, the most recent first */
  public List<RecentError> list() {
    synchronized (errors) {
      return List.copyOf(errors);
    }
  }

  /** @return how many errors are kept at most */
  public int capacity() {
    return capacity;
  }

  private void add(String where, Throwable error) {
    add(new RecentError(clock.instant(), where, error.getClass().getName(),
        cut(String.valueOf(error.getMessage()))));
  }

  private void add(RecentError error) {
    synchronized (errors) {
      errors.addFirst(error);
      while (errors.size() > capacity) {
        errors.removeLast();
      }
    }
  }

  private static String cut(String text) {
    return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "...";
  }
}
