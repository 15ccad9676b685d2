package io.karafka.testkit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What the test controllers did, in order. Reset before each test. */
public final class Recorder {
  static final List<String> LOG = new CopyOnWriteArrayList<>();
  private static volatile java.util.function.Consumer<String> hook = entry -> { };

  private Recorder() {}

  static void log(String entry) {
    LOG.add(entry);
    hook.accept(entry);
  }

  /** Runs the action on every entry logged from now on (until reset), on the logging thread. */
  static void onLog(java.util.function.Consumer<String> action) {
    hook = action;
  }

  static List<String> entries() {
    return List.copyOf(LOG);
  }

  static void reset() {
    LOG.clear();
    hook = entry -> { };
  }
}
