package io.karafka.monitor;

import io.karafka.job.JobStoreUnavailableException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default monitor: writes events to a {@link System.Logger} (named {@code io.karafka} by
 * default), which goes to java.util.logging, or to SLF4J when {@code slf4j-jdk-platform-logging}
 * is on the class path.
 *
 * <ul>
 *   <li>Per-message and per-job progress is DEBUG; job retries INFO; failures WARN, dead jobs
 *       ERROR, each one line.</li>
 *   <li>A dependency going down is one WARN line (what, where, the root cause, the
 *       consequence), a reminder per interval while it stays down, one INFO line when it comes
 *       back ("recovered after 47 s (12 attempts)").</li>
 *   <li>A stack trace is logged once per distinct failure (source and error class) per process,
 *       with its first WARN line; later ones go to DEBUG.</li>
 *   <li>An error that repeats (same source and error class) is WARN once, then DEBUG, with a WARN
 *       line per reminder interval counting the repeats.</li>
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class LoggingMonitor implements Monitor {
  private final Logger logger;
  private final Clock clock;
  private final Duration reminderInterval;
  private final Set<String> traced = ConcurrentHashMap.newKeySet();
  private final Map<String, Repeats> repeats = new ConcurrentHashMap<>();
  private final SkippedDuplicates skipped = new SkippedDuplicates();

  /** Logs to the {@code io.karafka} logger. */
  public LoggingMonitor() {
    this(System.getLogger("io.karafka"));
  }

  /** @param logger where to log */
  public LoggingMonitor(Logger logger) {
    this(logger, Clock.systemUTC(), Duration.ofMinutes(1));
  }

  /**
   * @param logger where to log
   * @param clock time of repeats
   * @param reminderInterval how often a repeating error is warned of again
   */
  public LoggingMonitor(Logger logger, Clock clock, Duration reminderInterval) {
    this.logger = Objects.requireNonNull(logger, "logger");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.reminderInterval = Objects.requireNonNull(reminderInterval, "reminderInterval");
  }

  @Override
  public void notice(Event event) {
    switch (event) {
      case Event.MessagesReceived e -> logger.log(Level.DEBUG, () -> "received " + e.count()
          + " message(s) from " + e.topic() + "/" + e.partition() + " (group " + e.group() + ")");
      case Event.CallbackAborted e -> logger.log(Level.DEBUG, () -> e.controller()
          + " aborted " + e.topic() + "/" + e.partition() + "@" + e.offset() + " in beforeEnqueue");
      case Event.ParserFailed e -> logger.log(Level.WARNING, "could not parse "
          + e.topic() + "/" + e.partition() + "@" + e.offset() + ", raw payload kept under"
          + " params \"message\": " + e.error().getMessage());
      case Event.MessagePerformed e -> logger.log(Level.DEBUG, () -> e.controller()
          + " performed " + e.count() + " message(s) of " + e.topic() + "/" + e.partition() + "@"
          + e.firstOffset() + " in " + e.took().toMillis() + " ms");
      case Event.MessageFailed e -> messageFailed(e);
      case Event.MessageRetrying e -> logger.log(Level.DEBUG, () -> "group " + e.group()
          + " reads " + e.topic() + "-" + e.partition() + " again from offset " + e.offset()
          + " at " + e.at() + " (attempt " + (e.attempts() + 1) + ")");
      case Event.MessagesDeadLettered e -> logger.log(Level.WARNING, "group " + e.group()
          + ": " + e.offsets().size() + " message(s) of " + e.topic() + "-" + e.partition()
          + " (offsets " + e.offsets() + ") went to dead-letter topic " + e.deadLetterTopic()
          + " after " + e.attempts() + " attempts; the partition goes on after them");
      case Event.ResponsesSent e -> logger.log(Level.DEBUG, () -> e.responder() + " sent to "
          + e.topics());
      case Event.JobsEnqueued e -> logger.log(Level.DEBUG, () -> "enqueued " + e.jobs().size()
          + " job(s)");
      case Event.DuplicatesSkipped e -> skipped.log(logger, e, clock.instant(), reminderInterval);
      case Event.JobPerformed e -> logger.log(Level.DEBUG, () -> "job " + e.job().id() + " ("
          + e.job().worker() + ") performed in " + e.took().toMillis() + " ms");
      case Event.JobFailed e -> traced(Level.WARNING, "job " + e.job().worker(), e.error(),
          "job " + e.job().id() + " (" + e.job().worker() + ") failed on attempt "
              + (e.job().retryCount() + 1) + ": " + oneLine(e.error()));
      case Event.JobRetried e -> logger.log(Level.INFO, () -> "job " + e.job().id()
          + " will retry (" + e.job().retryCount() + "/" + e.job().retry() + ") at " + e.at());
      case Event.JobDead e -> logger.log(Level.ERROR, "job " + e.job().id() + " ("
          + e.job().worker() + ") is dead after " + e.job().retryCount() + " retries: "
          + e.job().error().map(Object::toString).orElse("no error recorded"));
      case Event.Rebalanced e -> logger.log(Level.INFO, () -> "group " + e.group()
          + " rebalanced: assigned " + e.assigned() + ", revoked " + e.revoked());
      case Event.TopicRecreated e -> logger.log(Level.WARNING, "topic " + e.topic()
          + " was recreated (id " + e.oldTopicId() + " -> " + e.newTopicId() + "): group "
          + e.group() + "'s offset " + e.staleOffset() + " of partition "
          + e.partition() + " belongs to the old topic; reading the new one from its "
          + (e.fromBeginning() ? "beginning" : "end (startFromBeginning is false)"));
      case Event.DependencyDown e -> traced(Level.WARNING, e.dependency(), e.error(),
          e.dependency() + " at " + e.address() + " unavailable: " + e.reason() + "; "
              + e.consequence());
      case Event.DependencyStillDown e -> logger.log(Level.WARNING, e.dependency() + " at "
          + e.address() + " still unavailable after " + human(e.downFor()) + " ("
          + e.attempts() + " failed attempt" + (e.attempts() == 1 ? "" : "s") + "): "
          + e.reason());
      case Event.DependencyRecovered e -> logger.log(Level.INFO, e.dependency() + " at "
          + e.address() + " recovered after " + human(e.downFor()) + " (" + e.attempts()
          + " failed attempt" + (e.attempts() == 1 ? "" : "s") + ")");
      case Event.WorkerStopped e -> workerStopped(e);
      case Event.JobsRecovered e -> logger.log(Level.WARNING, "job store at " + e.store()
          + ": recovered " + e.count() + " job(s) of " + e.owner() + ", silent for "
          + human(e.silentFor()) + "; they are back in their queues and run again");
      case Event.ErrorOccurred e -> repeating(e.source(), e.error(), e.source() + " failed");
    }
  }

  private void messageFailed(Event.MessageFailed e) {
    String text = e.controller() + " failed on " + e.topic() + "/" + e.partition() + "@"
        + e.offset() + e.traceId().map(id -> " (trace " + id + ")").orElse("");
    if (e.error() instanceof JobStoreUnavailableException) {
      // the job store's outage is told by its dependency state, once
      logger.log(Level.DEBUG, () -> text + ": " + oneLine(e.error()));
    } else {
      repeating("message " + e.topic() + "/" + e.partition(), e.error(), text);
    }
  }

  private void workerStopped(Event.WorkerStopped e) {
    java.util.TreeMap<String, Integer> byQueue = new java.util.TreeMap<>(e.handedBack());
    int back = byQueue.values().stream().mapToInt(Integer::intValue).sum();
    String queues = switch (byQueue.size()) {
      case 0 -> "";
      case 1 -> " to queue " + byQueue.firstKey();
      default -> " to queues " + String.join(", ", byQueue.entrySet().stream()
          .map(q -> q.getKey() + " (" + q.getValue() + ")").toList());
    };
    String text = "worker stopped: " + e.finished() + " job" + (e.finished() == 1 ? "" : "s")
        + " finished, " + back + " handed back" + queues;
    if (e.unacknowledged() == 0) {
      logger.log(Level.INFO, text);
    } else {
      logger.log(Level.WARNING, text + "; " + e.unacknowledged() + " acknowledgement"
          + (e.unacknowledged() == 1 ? "" : "s") + " not written (the job store is down): those"
          + " jobs run again when their lease expires");
    }
  }

  /** Logs the line at its level, with the stack trace the first time this failure is seen. */
  private void traced(Level level, String source, Throwable error, String text) {
    if (traced.add(source + "|" + error.getClass().getName())) {
      logger.log(level, text, error);
    } else {
      logger.log(level, text);
      logger.log(Level.DEBUG, text, error);
    }
  }

  private void repeating(String source, Throwable error, String text) {
    String key = source + "|" + error.getClass().getName();
    Instant now = clock.instant();
    Repeats seen = repeats.computeIfAbsent(key, k -> new Repeats());
    long suppressed;
    boolean first;
    synchronized (seen) {
      first = seen.lastWarned == null;
      if (!first && Duration.between(seen.lastWarned, now).compareTo(reminderInterval) < 0) {
        seen.since++;
        logger.log(Level.DEBUG, () -> text + ": " + oneLine(error));
        return;
      }
      suppressed = seen.since;
      seen.since = 0;
      seen.lastWarned = now;
    }
    if (first) {
      traced(Level.WARNING, source, error, text + ": " + oneLine(error)
          + " (repeats within " + human(reminderInterval) + " are logged at DEBUG)");
    } else {
      logger.log(Level.WARNING, text + ": " + oneLine(error) + " (" + suppressed
          + " more like it since the last warning)");
    }
  }

  private static String oneLine(Throwable error) {
    String message = error.getMessage();
    return error.getClass().getName() + (message == null ? "" : ": " + message);
  }

  /** @return e.g. "47 s", "2 min 5 s", "3 h 1 min" */
  static String human(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s < 60) {
      return s + " s";
    }
    if (s < 3600) {
      return s / 60 + " min" + (s % 60 == 0 ? "" : " " + s % 60 + " s");
    }
    return s / 3600 + " h" + (s % 3600 / 60 == 0 ? "" : " " + s % 3600 / 60 + " min");
  }

  private static final class Repeats {
    Instant lastWarned;
    long since;
  }
}
