package io.karafka.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.karafka.job.Job;
import io.karafka.job.JobError;
import io.karafka.job.Worker;
import io.karafka.parse.ParserException;
import java.lang.System.Logger.Level;
import java.text.MessageFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

class LoggingMonitorTest {
  record Line(Level level, String text, Throwable thrown) {}

  /** Keeps every line logged at any level. */
  static final class CapturingLogger implements System.Logger {
    final List<Line> lines = new ArrayList<>();

    @Override
    public String getName() {
      return "capture";
    }

    @Override
    public boolean isLoggable(Level level) {
      return true;
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
      lines.add(new Line(level, msg, thrown));
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
      lines.add(new Line(level, params == null ? format : MessageFormat.format(format, params),
          null));
    }
  }

  private final CapturingLogger logger = new CapturingLogger();
  private final LoggingMonitor monitor = new LoggingMonitor(logger);

  @Test
  void repeatedErrorIsAWarningOnceThenDebug() {
    IllegalStateException first = new IllegalStateException("broker down");
    IllegalStateException second = new IllegalStateException("still down");

    monitor.notice(new Event.ErrorOccurred("kafka-consumer users_group", first));
    monitor.notice(new Event.ErrorOccurred("kafka-consumer users_group", second));

    assertEquals(List.of(
        new Line(Level.WARNING, "kafka-consumer users_group failed: java.lang.IllegalStateException:"
            + " broker down (repeats of this are logged at DEBUG)", first),
        new Line(Level.DEBUG, "kafka-consumer users_group failed:"
            + " java.lang.IllegalStateException: still down", null)), logger.lines);
  }

  @Test
  void anotherSourceOrErrorTypeIsWarnedAgain() {
    monitor.notice(new Event.ErrorOccurred("a", new IllegalStateException("x")));
    monitor.notice(new Event.ErrorOccurred("b", new IllegalStateException("x")));
    monitor.notice(new Event.ErrorOccurred("a", new IllegalArgumentException("x")));
    monitor.notice(new Event.ErrorOccurred("a", new IllegalStateException("x")));

    assertEquals(List.of(Level.WARNING, Level.WARNING, Level.WARNING, Level.DEBUG),
        logger.lines.stream().map(Line::level).toList());
  }

  @Test
  void repeatedMessageFailureIsAWarningOnceThenDebug() {
    RuntimeException error = new RuntimeException("db");

    monitor.notice(new Event.MessageFailed("users", 0, 10, "UsersController", error));
    monitor.notice(new Event.MessageFailed("users", 0, 11, "UsersController", error));

    assertEquals(List.of(
        new Line(Level.WARNING, "UsersController failed on users/0@10: java.lang.RuntimeException:"
            + " db (repeats of this are logged at DEBUG)", error),
        new Line(Level.DEBUG, "UsersController failed on users/0@11:"
            + " java.lang.RuntimeException: db", null)), logger.lines);
  }

  @Test
  void parserFailureIsAWarning() {
    monitor.notice(new Event.ParserFailed("users", 1, 7, new ParserException("bad json")));

    assertEquals(List.of(new Line(Level.WARNING, "could not parse users/1@7, raw payload kept"
        + " under params \"message\": bad json", null)), logger.lines);
  }

  @Test
  void perMessageEventsAreDebug() {
    monitor.notice(new Event.MessagesReceived("g", "users", 2, 3));
    monitor.notice(new Event.ResponsesSent("UsersResponder", List.of("acme.users_created")));

    assertEquals(List.of(
        new Line(Level.DEBUG, "received 3 message(s) from users/2 (group g)", null),
        new Line(Level.DEBUG, "UsersResponder sent to [acme.users_created]", null)),
        logger.lines);
  }

  @Test
  void rebalanceAndRetryAreInfo() {
    Job job = Job.create("abc", Worker.named("UsersWorker").retry(5), "users", "{}",
        Instant.EPOCH).failed(JobError.of(new RuntimeException("x"), Instant.EPOCH, null), true);
    Instant at = Instant.parse("2024-01-01T00:00:00Z");

    monitor.notice(new Event.Rebalanced("g", List.of("users-0"), List.of("users-1")));
    monitor.notice(new Event.JobRetried(job, at));

    assertEquals(List.of(
        new Line(Level.INFO, "group g rebalanced: assigned [users-0], revoked [users-1]", null),
        new Line(Level.INFO, "job abc will retry (1/5) at 2024-01-01T00:00:00Z", null)),
        logger.lines);
  }

  @Test
  void jobFailureIsAWarningWithItsError() {
    Job job = Job.create("abc", Worker.named("UsersWorker"), "users", "{}", Instant.EPOCH);
    RuntimeException error = new RuntimeException("boom");

    monitor.notice(new Event.JobFailed(job, error));
    monitor.notice(new Event.JobPerformed(job, Duration.ofMillis(12)));

    assertEquals(new Line(Level.WARNING, "job abc (UsersWorker) failed:"
        + " java.lang.RuntimeException: boom", error), logger.lines.get(0));
    assertEquals(new Line(Level.DEBUG, "job abc (UsersWorker) performed in 12 ms", null),
        logger.lines.get(1));
  }
}
