package io.karafka.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MonitorTest {
  /** Records what it is told, under a name, into a shared log. */
  record Recording(String name, List<String> log, List<Event> events) implements Monitor {
    Recording(String name, List<String> log) {
      this(name, log, new ArrayList<>());
    }

    @Override
    public void notice(Event event) {
      log.add(name + ":" + event.getClass().getSimpleName());
      events.add(event);
    }
  }

  static final class ThrowingMonitor implements Monitor {
    final RuntimeException error = new IllegalStateException("monitor down");
    int calls;

    @Override
    public void notice(Event event) {
      calls++;
      throw error;
    }
  }

  private static final Event EVENT = new Event.MessagesReceived("g", "users", 0, 3);

  @Test
  void combineTellsEveryMonitorInOrder() {
    List<String> log = new ArrayList<>();
    Recording first = new Recording("first", log);
    Recording second = new Recording("second", log);
    Recording third = new Recording("third", log);

    Monitor.combine(first, second, third).notice(EVENT);

    assertEquals(List.of("first:MessagesReceived", "second:MessagesReceived",
        "third:MessagesReceived"), log);
    assertSame(EVENT, first.events().getFirst());
    assertSame(EVENT, third.events().getFirst());
  }

  @Test
  void throwingMonitorDoesNotStopTheOthersAndIsReportedToThem() {
    List<String> log = new ArrayList<>();
    Recording before = new Recording("before", log);
    ThrowingMonitor thrower = new ThrowingMonitor();
    Recording after = new Recording("after", log);

    Monitor.combine(before, thrower, after).notice(EVENT);

    assertEquals(List.of(EVENT), after.events().stream()
        .filter(e -> e instanceof Event.MessagesReceived).toList());
    Event.ErrorOccurred reported = assertInstanceOf(Event.ErrorOccurred.class,
        before.events().get(1));
    assertEquals("monitor " + ThrowingMonitor.class.getName() + " on MessagesReceived",
        reported.source());
    assertSame(thrower.error, reported.error());
    assertEquals(List.of(EVENT, reported), before.events());
    assertEquals(2, after.events().size());
    assertEquals(reported, after.events().stream()
        .filter(e -> e instanceof Event.ErrorOccurred).findFirst().orElseThrow());
    assertEquals(2, thrower.calls);
  }

  @Test
  void monitorFailingOnAnErrorEventIsNotReportedAgain() {
    List<String> log = new ArrayList<>();
    ThrowingMonitor thrower = new ThrowingMonitor();
    Recording after = new Recording("after", log);
    Event error = new Event.ErrorOccurred("kafka", new IllegalStateException("x"));

    Monitor.combine(thrower, after).notice(error);

    assertEquals(List.of(error), after.events());
    assertEquals(1, thrower.calls);
  }

  @Test
  void errorsThrownByAMonitorAreReportedNotPropagatedButVirtualMachineErrorsAre() {
    AssertionError error = new AssertionError("broken monitor");
    Monitor failing = event -> {
      throw error;
    };
    Recording after = new Recording("after", new ArrayList<>());

    Monitor.combine(failing, after).notice(EVENT);

    assertEquals(List.of(new Event.ErrorOccurred("monitor " + failing.getClass().getName()
        + " on MessagesReceived", error), EVENT), after.events());
    Monitor oom = event -> {
      throw new OutOfMemoryError("fatal");
    };
    assertThrows(OutOfMemoryError.class, () -> Monitor.combine(oom).notice(EVENT));
  }

  @Test
  void noneIgnoresEverything() {
    Monitor.none().notice(EVENT);
    Monitor.none().notice(new Event.ErrorOccurred("x", new RuntimeException()));
  }

  @Test
  void combineRejectsNullMonitors() {
    assertThrows(NullPointerException.class, () -> Monitor.combine(Monitor.none(), null));
  }

  @Test
  void errorOccurredRequiresSourceAndError() {
    assertEquals("source", assertThrows(NullPointerException.class,
        () -> new Event.ErrorOccurred(null, new RuntimeException())).getMessage());
    assertEquals("error", assertThrows(NullPointerException.class,
        () -> new Event.ErrorOccurred("x", null)).getMessage());
  }
}
