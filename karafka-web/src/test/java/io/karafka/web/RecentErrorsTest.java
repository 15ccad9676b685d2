package io.karafka.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.karafka.job.Job;
import io.karafka.job.Worker;
import io.karafka.monitor.Event;
import io.karafka.monitor.Monitor;
import io.karafka.parse.ParserException;
import io.karafka.testkit.MutableClock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentErrorsTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));

  @Test
  void keepsEachKindOfErrorWithWhereItHappenedTheMostRecentFirst() {
    RecentErrors errors = new RecentErrors(10, clock);
    Monitor app = Monitor.combine(event -> { }, errors);
    Job job = Job.create("j-7", Worker.named("MailWorker"), "users", "{\"password\":1}",
        clock.instant());
    app.notice(new Event.ParserFailed("users", 1, 9, new ParserException("not JSON")));
    app.notice(new Event.JobFailed(job, new IllegalStateException("smtp down")));
    app.notice(new Event.DependencyDown("job store", "redis://127.0.0.1:6379/0", "Connection"
        + " refused", "jobs wait", new java.io.IOException("refused")));
    app.notice(new Event.ErrorOccurred("closing the producer", new RuntimeException("x")));
    app.notice(new Event.JobPerformed(job, java.time.Duration.ZERO));

    assertEquals(List.of(
        new RecentErrors.RecentError(clock.instant(), "closing the producer",
            "java.lang.RuntimeException", "x"),
        new RecentErrors.RecentError(clock.instant(), "job store at redis://127.0.0.1:6379/0"
            + " down", "java.io.IOException", "Connection refused"),
        new RecentErrors.RecentError(clock.instant(), "job j-7 (MailWorker, retry 0)",
            "java.lang.IllegalStateException", "smtp down"),
        new RecentErrors.RecentError(clock.instant(), "users/1@9 (parser)",
            "io.karafka.parse.ParserException", "not JSON")), errors.list());
    assertEquals(java.util.Optional.of(errors), app.find(RecentErrors.class),
        "the web UI can find it on the app's monitor");
  }

  @Test
  void longMessagesAreCutAndTheCapacityIsChecked() {
    RecentErrors errors = new RecentErrors(1, clock);
    errors.notice(new Event.ErrorOccurred("s", new RuntimeException("y".repeat(600))));
    assertEquals(503, errors.list().getFirst().message().length());
    assertEquals("capacity must be at least 1, was 0", assertThrows(
        IllegalArgumentException.class, () -> new RecentErrors(0, clock)).getMessage());
  }
}
