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
            + " broker down (repeats within 1 min are logged at DEBUG)", first),
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
  void retriesAreDebugAndDeadLettersAWarning() {
    monitor.notice(new Event.MessageRetrying("app_users", "users", 2, 7, 1,
        Instant.parse("2026-11-30T12:00:01Z")));
    monitor.notice(new Event.MessagesDeadLettered("app_users", "users", 2, List.of(7L),
        "dead_letters", 5));

    assertEquals(List.of(new Line(Level.DEBUG, "group app_users reads users-2 again from offset"
            + " 7 at 2026-11-30T12:00:01Z (attempt 2)", null),
        new Line(Level.WARNING, "group app_users: 1 message(s) of users-2 (offsets [7]) went to"
            + " dead-letter topic dead_letters after 5 attempts; the partition goes on after"
            + " them", null)), logger.lines);
  }

  @Test
  void repeatedMessageFailureIsAWarningOnceThenDebug() {
    RuntimeException error = new RuntimeException("db");

    monitor.notice(new Event.MessageFailed("users", 0, 10, "UsersController", error));
    monitor.notice(new Event.MessageFailed("users", 0, 11, "UsersController", error));

    assertEquals(List.of(
        new Line(Level.WARNING, "UsersController failed on users/0@10: java.lang.RuntimeException:"
            + " db (repeats within 1 min are logged at DEBUG)", error),
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
  void jobFailureIsOneWarningLineWithAStackTraceOncePerWorkerAndErrorClass() {
    Job job = Job.create("abc", Worker.named("UsersWorker"), "users", "{}", Instant.EPOCH);
    RuntimeException error = new RuntimeException("boom");
    RuntimeException again = new RuntimeException("boom again");

    monitor.notice(new Event.JobFailed(job, error));
    monitor.notice(new Event.JobPerformed(job, Duration.ofMillis(12)));
    monitor.notice(new Event.JobFailed(job, again));

    assertEquals(List.of(
        new Line(Level.WARNING, "job abc (UsersWorker) failed on attempt 1:"
            + " java.lang.RuntimeException: boom", error),
        new Line(Level.DEBUG, "job abc (UsersWorker) performed in 12 ms", null),
        new Line(Level.WARNING, "job abc (UsersWorker) failed on attempt 1:"
            + " java.lang.RuntimeException: boom again", null),
        new Line(Level.DEBUG, "job abc (UsersWorker) failed on attempt 1:"
            + " java.lang.RuntimeException: boom again", again)), logger.lines);
  }

  @Test
  void dependencyOutagesAreOneWarningAReminderAndOneInfoLineEachTime() {
    java.net.ConnectException root = new java.net.ConnectException("Connection refused");
    RuntimeException down = new RuntimeException("Connection is closed", root);

    for (int outage = 0; outage < 2; outage++) {
      monitor.notice(new Event.DependencyDown("job store", "redis://127.0.0.1:6379/0",
          Dependency.reason(down), "messages wait in Kafka", down));
      monitor.notice(new Event.DependencyStillDown("job store", "redis://127.0.0.1:6379/0",
          "Connection refused", Duration.ofSeconds(125), 12));
      monitor.notice(new Event.DependencyRecovered("job store", "redis://127.0.0.1:6379/0",
          Duration.ofSeconds(47), 1));
    }

    List<Line> outage = List.of(
        new Line(Level.WARNING, "job store at redis://127.0.0.1:6379/0 unavailable: Connection"
            + " refused; messages wait in Kafka", down),
        new Line(Level.WARNING, "job store at redis://127.0.0.1:6379/0 still unavailable after"
            + " 2 min 5 s (12 failed attempts): Connection refused", null),
        new Line(Level.INFO, "job store at redis://127.0.0.1:6379/0 recovered after 47 s"
            + " (1 failed attempt)", null));
    assertEquals(outage, logger.lines.subList(0, 3));
    assertEquals(List.of(new Line(Level.WARNING, outage.get(0).text(), null),
        new Line(Level.DEBUG, outage.get(0).text(), down), outage.get(1), outage.get(2)),
        logger.lines.subList(3, 7));
  }

  @Test
  void aRepeatingErrorIsWarnedAgainOncePerReminderIntervalWithTheCountOfRepeats() {
    SettableClock now = new SettableClock(Instant.EPOCH);
    LoggingMonitor timed = new LoggingMonitor(logger, now, Duration.ofMinutes(1));
    IllegalStateException error = new IllegalStateException("commit failed");

    timed.notice(new Event.ErrorOccurred("offset commit", error));
    timed.notice(new Event.ErrorOccurred("offset commit", error));
    timed.notice(new Event.ErrorOccurred("offset commit", error));
    now.set(Instant.EPOCH.plusSeconds(61));
    timed.notice(new Event.ErrorOccurred("offset commit", error));

    assertEquals(List.of(Level.WARNING, Level.DEBUG, Level.DEBUG, Level.WARNING),
        logger.lines.stream().map(Line::level).toList());
    assertEquals("offset commit failed: java.lang.IllegalStateException: commit failed (2 more"
        + " like it since the last warning)", logger.lines.get(3).text());
  }

  @Test
  void aJobStoreOutageSeenByAMessageIsLeftToTheDependencyLine() {
    monitor.notice(new Event.MessageFailed("users", 0, 7, "-",
        new io.karafka.job.JobStoreUnavailableException("Redis at redis://r:6379/0 is"
            + " unreachable")));

    assertEquals(List.of(new Line(Level.DEBUG, "- failed on users/0@7:"
        + " io.karafka.job.JobStoreUnavailableException: Redis at redis://r:6379/0 is"
        + " unreachable", null)), logger.lines);
  }

  @Test
  void recoveredJobsOfADeadWorkerAreAWarningSayingHowManyAndWhose() {
    monitor.notice(new Event.JobsRecovered("redis://r:6379/0", "worker process web-1:42:ab12",
        3, Duration.ofSeconds(25)));

    assertEquals(List.of(new Line(Level.WARNING, "job store at redis://r:6379/0: recovered 3"
        + " job(s) of worker process web-1:42:ab12, silent for 25 s; they are back in their"
        + " queues and run again", null)), logger.lines);
  }

  @Test
  void aGracefulWorkerStopSaysWhatItFinishedAndHandedBack() {
    monitor.notice(new Event.WorkerStopped(3, java.util.Map.of("default", 2), 0));
    monitor.notice(new Event.WorkerStopped(0, java.util.Map.of("a", 1, "b", 4), 2));

    assertEquals(List.of(
        new Line(Level.INFO, "worker stopped: 3 jobs finished, 2 handed back to queue default",
            null),
        new Line(Level.WARNING, "worker stopped: 0 jobs finished, 5 handed back to queues a (1),"
            + " b (4); 2 acknowledgements not written (the job store is down): those jobs run"
            + " again when their lease expires", null)), logger.lines);
  }
}
