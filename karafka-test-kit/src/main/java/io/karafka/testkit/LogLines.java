package io.karafka.testkit;

import java.lang.System.Logger;
import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link System.Logger} that keeps the lines logged at INFO and above as
 * {@code "LEVEL text"}, for asserting what an operator would read:
 *
 * <pre>{@code
 * LogLines log = new LogLines();
 * KarafkaApp app = KarafkaApp.builder().setup(c -> c.name("app").logger(log))...;
 * assertTrue(log.lines().contains("INFO job store at redis://... recovered after 3 s (5 failed attempts)"));
 * }</pre>
 *
 * Thread-safe.
 */
public final class LogLines implements Logger {
  private final List<String> lines = new CopyOnWriteArrayList<>();

  @Override
  public String getName() {
    return "karafka-test-kit";
  }

  @Override
  public boolean isLoggable(Level level) {
    return level.getSeverity() >= Level.INFO.getSeverity();
  }

  @Override
  public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
    if (isLoggable(level)) {
      lines.add(level.getName() + " " + msg);
    }
  }

  @Override
  public void log(Level level, ResourceBundle bundle, String format, Object... params) {
    if (isLoggable(level)) {
      lines.add(level.getName() + " " + (params == null || params.length == 0 ? format
          : MessageFormat.format(format, params)));
    }
  }

  /** @return every line so far, in order */
  public List<String> lines() {
    return List.copyOf(lines);
  }

  /** @return how many lines start with this text (e.g. {@code "WARNING job store at "}) */
  public long count(String start) {
    return lines.stream().filter(l -> l.startsWith(start)).count();
  }
}
