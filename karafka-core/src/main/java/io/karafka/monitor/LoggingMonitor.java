package io.karafka.monitor;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default monitor: writes events to a {@link System.Logger} (named {@code io.karafka} by
 * default), which goes to java.util.logging, or to SLF4J when {@code slf4j-jdk-platform-logging}
 * is on the class path. Per-message events are DEBUG, job retries INFO, failures WARN/ERROR.
 * An error that repeats (same source and error type) is logged at WARN once, then at DEBUG.
 *
 * <p>Thread-safe.
 */
public final class LoggingMonitor implements Monitor {
  private final Logger logger;
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  /** Logs to the {@code io.karafka} logger. */
  public LoggingMonitor() {
    this(System.getLogger("io.karafka"));
  }

  /** @param logger where to log */
  public LoggingMonitor(Logger logger) {
    this.logger = Objects.requireNonNull(logger, "logger");
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
      case Event.MessageFailed e -> repeating("message " + e.topic() + "/" + e.partition(),
          e.error(), e.controller() + " failed on " + e.topic() + "/" + e.partition() + "@"
              + e.offset());
      case Event.ResponsesSent e -> logger.log(Level.DEBUG, () -> e.responder() + " sent to "
          + e.topics());
      case Event.JobsEnqueued e -> logger.log(Level.DEBUG, () -> "enqueued " + e.jobs().size()
          + " job(s)");
      case Event.JobPerformed e -> logger.log(Level.DEBUG, () -> "job " + e.job().id() + " ("
          + e.job().worker() + ") performed in " + e.took().toMillis() + " ms");
      case Event.JobFailed e -> logger.log(Level.WARNING, "job " + e.job().id() + " ("
          + e.job().worker() + ") failed: " + e.error(), e.error());
      case Event.JobRetried e -> logger.log(Level.INFO, () -> "job " + e.job().id()
          + " will retry (" + e.job().retryCount() + "/" + e.job().retry() + ") at " + e.at());
      case Event.JobDead e -> logger.log(Level.ERROR, "job " + e.job().id() + " ("
          + e.job().worker() + ") is dead after " + e.job().retryCount() + " retries: "
          + e.job().error().map(Object::toString).orElse("no error recorded"));
      case Event.Rebalanced e -> logger.log(Level.INFO, () -> "group " + e.group()
          + " rebalanced: assigned " + e.assigned() + ", revoked " + e.revoked());
      case Event.ErrorOccurred e -> repeating(e.source(), e.error(), e.source() + " failed");
    }
  }

  private void repeating(String source, Throwable error, String text) {
    String key = source + "|" + error.getClass().getName();
    if (warned.add(key)) {
      logger.log(Level.WARNING, text + ": " + error + " (repeats of this are logged at DEBUG)",
          error);
    } else {
      logger.log(Level.DEBUG, () -> text + ": " + error);
    }
  }
}
