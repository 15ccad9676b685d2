package io.karafka.monitor;

import java.util.List;

/** Tells several monitors; a failing one is reported to the others and does not stop them. */
record CompositeMonitor(List<Monitor> monitors) implements Monitor {
  CompositeMonitor {
    monitors = List.copyOf(monitors);
  }

  @Override
  public void notice(Event event) {
    for (Monitor monitor : monitors) {
      try {
        monitor.notice(event);
      } catch (RuntimeException e) {
        if (!(event instanceof Event.ErrorOccurred)) {
          notice(new Event.ErrorOccurred("monitor " + monitor.getClass().getName(), e));
        }
      }
    }
  }
}
