package io.karafka.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class WorkerTest {
  private static String rejected(Executable creation) {
    return assertThrows(IllegalArgumentException.class, creation).getMessage();
  }

  @Test
  void namedWorkerHasTheDefaults() {
    Worker worker = Worker.named("UsersWorker");

    assertEquals("UsersWorker", worker.name());
    assertEquals("default", worker.queue());
    assertEquals(Worker.DEFAULT_QUEUE, worker.queue());
    assertEquals(25, worker.retry());
    assertEquals(Optional.empty(), worker.timeout());
  }

  @Test
  void withersReturnChangedCopies() {
    Worker base = Worker.named("W");

    Worker changed = base.queue("critical").retry(3).timeout(Duration.ofSeconds(30));

    assertEquals(new Worker("W", "critical", 3, Optional.of(Duration.ofSeconds(30))), changed);
    assertEquals(Worker.named("W"), base);
    assertNotEquals(base, changed);
    assertEquals(0, base.retry(0).retry());
  }

  @Test
  void blankNameIsRejected() {
    assertEquals("worker name must not be blank", rejected(() -> Worker.named(" ")));
    assertEquals("name",
        assertThrows(NullPointerException.class, () -> Worker.named(null)).getMessage());
  }

  @Test
  void badQueueIsRejected() {
    assertEquals("worker W: queue name 'bad queue' must be 1-200 characters from [A-Za-z0-9._-]",
        rejected(() -> Worker.named("W").queue("bad queue")));
    assertEquals("worker W: queue name '' must be 1-200 characters from [A-Za-z0-9._-]",
        rejected(() -> Worker.named("W").queue("")));
    assertEquals("x".repeat(200), Worker.named("W").queue("x".repeat(200)).queue());
    rejected(() -> Worker.named("W").queue("x".repeat(201)));
  }

  @Test
  void negativeRetryIsRejected() {
    assertEquals("worker W: retry must be >= 0, was -1",
        rejected(() -> Worker.named("W").retry(-1)));
  }

  @Test
  void nonPositiveTimeoutIsRejected() {
    assertEquals("worker W: timeout must be positive, was PT0S",
        rejected(() -> Worker.named("W").timeout(Duration.ZERO)));
    assertEquals("worker W: timeout must be positive, was PT-1S",
        rejected(() -> Worker.named("W").timeout(Duration.ofSeconds(-1))));
  }
}
