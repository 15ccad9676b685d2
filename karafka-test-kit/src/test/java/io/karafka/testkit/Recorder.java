package io.karafka.testkit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What the test controllers did, in order. Reset before each test. */
public final class Recorder {
  static final List<String> LOG = new CopyOnWriteArrayList<>();

  private Recorder() {}

  static void log(String entry) {
    LOG.add(entry);
  }

  static List<String> entries() {
    return List.copyOf(LOG);
  }

  static void reset() {
    LOG.clear();
  }
}
