package io.karafka.monitor;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells several monitors; a failing one is reported to the others and does not stop them, and
 * never reaches the code that told the event (a monitor's failure must not change how a message
 * or job is handled). When no monitor can take the report, it goes to the {@code io.karafka}
 * logger, once per monitor and error class.
 */
record CompositeMonitor(List<Monitor> monitors, Set<String> reported) implements Monitor {
  CompositeMonitor(List<Monitor> monitors) {
    this(List.copyOf(monitors), ConcurrentHashMap.newKeySet());
  }

  @Override
  public void notice(Event event) {
    for (Monitor monitor : monitors) {
      try {
        monitor.notice(event);
      } catch (VirtualMachineError fatal) {
        throw fatal;
      } catch (Throwable e) {
        report(monitor, event, e);
      }
    }
  }

  @Override
  public <T> Optional<T> find(Class<T> type) {
    for (Monitor monitor : monitors) {
      Optional<T> found = monitor.find(type);
      if (found.isPresent()) {
        return found;
      }
    }
    return Monitor.super.find(type);
  }

  private void report(Monitor failing, Event event, Throwable error) {
    Event.ErrorOccurred failure = new Event.ErrorOccurred("monitor "
        + failing.getClass().getName() + " on " + event.getClass().getSimpleName(), error);
    boolean told = false;
    if (!(event instanceof Event.ErrorOccurred)) {
      for (Monitor monitor : monitors) {
        try {
          monitor.notice(failure);
          told = true;
        } catch (VirtualMachineError fatal) {
          throw fatal;
        } catch (Throwable ignored) {
          // told below, through the logger
        }
      }
    }
    if (!told && reported.add(failing.getClass().getName() + "|" + error.getClass().getName())) {
      System.getLogger("io.karafka").log(Level.WARNING, failure.source() + " threw (further"
          + " failures of this kind are not logged; handling goes on as if it had not): "
          + error, error);
    }
  }
}
