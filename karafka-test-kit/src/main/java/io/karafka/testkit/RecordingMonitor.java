package io.karafka.testkit;

import io.karafka.monitor.Event;
import io.karafka.monitor.Monitor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every event, in order, for assertions. Thread-safe. */
public final class RecordingMonitor implements Monitor {
  private final List<Event> events = new CopyOnWriteArrayList<>();

  @Override
  public void notice(Event event) {
    events.add(event);
  }

  /** @return every event so far */
  public List<Event> events() {
    return List.copyOf(events);
  }

  /** @return the events of one kind, in order */
  public <T extends Event> List<T> events(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** Forgets every event. */
  public void clear() {
    events.clear();
  }
}
