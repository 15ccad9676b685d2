package io.karafka.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DependencyTest {
  private final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final List<Event> events = new ArrayList<>();
  private final Dependencies dependencies = new Dependencies(events::add, clock,
      Duration.ofMinutes(1));
  private final Dependency store = dependencies.track("job store", "redis://r:6379/0",
      "messages wait in Kafka");

  @Test
  void everyOutageIsToldOnceDownOnceBackWithItsLengthAndAttempts() {
    RuntimeException refused = new RuntimeException("Connection is closed",
        new ConnectException("Connection refused"));

    for (int outage = 0; outage < 10; outage++) {
      store.succeeded();
      store.failed(refused);
      clock.advance(Duration.ofSeconds(20));
      store.failed(refused);
      store.remind();
      clock.advance(Duration.ofSeconds(27));
      assertFalse(store.isUp());
      store.succeeded();
      store.succeeded();
      assertTrue(store.isUp());
    }

    List<Event> one = List.of(
        new Event.DependencyDown("job store", "redis://r:6379/0", "Connection refused",
            "messages wait in Kafka", refused),
        new Event.DependencyRecovered("job store", "redis://r:6379/0", Duration.ofSeconds(47), 2));
    assertEquals(20, events.size());
    for (int outage = 0; outage < 10; outage++) {
      assertEquals(one, events.subList(outage * 2, outage * 2 + 2));
    }
  }

  @Test
  void whileDownItRemindsOncePerIntervalWithTheElapsedTimeAndAttempts() {
    IllegalStateException error = new IllegalStateException("LOADING Redis is loading");
    store.failed(error);
    for (int i = 0; i < 30; i++) {
      clock.advance(Duration.ofSeconds(5));
      store.failed(error);
    }
    clock.advance(Duration.ofSeconds(30));
    store.remind();

    assertEquals(List.of(
        new Event.DependencyDown("job store", "redis://r:6379/0", "LOADING Redis is loading",
            "messages wait in Kafka", error),
        new Event.DependencyStillDown("job store", "redis://r:6379/0",
            "LOADING Redis is loading", Duration.ofSeconds(60), 13),
        new Event.DependencyStillDown("job store", "redis://r:6379/0",
            "LOADING Redis is loading", Duration.ofSeconds(120), 25),
        new Event.DependencyStillDown("job store", "redis://r:6379/0",
            "LOADING Redis is loading", Duration.ofSeconds(180), 31)), events);
    assertEquals(Optional.of(Instant.parse("2026-01-01T00:00:00Z")), store.downSince());
  }

  @Test
  void anOutageFoundLateCountsFromTheLastAnswer() {
    Instant lastAnswer = clock.instant();
    clock.advance(Duration.ofSeconds(30));
    IllegalStateException silent = new IllegalStateException("no answer for 30 s");

    store.failed(silent, lastAnswer);
    clock.advance(Duration.ofSeconds(17));
    store.succeeded();

    assertEquals(new Event.DependencyRecovered("job store", "redis://r:6379/0",
        Duration.ofSeconds(47), 1), events.getLast());
  }

  @Test
  void anUpDependencyNeitherRemindsNorRecovers() {
    store.succeeded();
    store.remind();

    assertEquals(List.of(), events);
    assertTrue(store.isUp());
  }

  @Test
  void theReasonIsTheInnermostCauseInTheServersWords() {
    assertEquals("FATAL: terminating connection due to administrator command",
        Dependency.reason(new RuntimeException("wrapper", new IllegalStateException(
            "Connection is closed", new RuntimeException(
                "FATAL: terminating connection due to administrator command")))));
    assertEquals("ConnectException", Dependency.reason(new ConnectException()));
  }

  @Test
  void oneStatePerName() {
    assertSame(store, dependencies.track("job store", "other", "other"));
    assertEquals(List.of(store), dependencies.all());
  }

  @Test
  void theReminderIntervalMustBePositive() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> new Dependencies(events::add, clock, Duration.ZERO));
    assertEquals("reminderInterval must be positive, was PT0S", error.getMessage());
  }
}
