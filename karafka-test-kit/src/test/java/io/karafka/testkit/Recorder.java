package io.karafka.testkit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * What the test controllers did, in order: a test makes one and passes it to the controllers its
 * routes build ({@code controller(() -> new EchoController(recorder))}).
 */
public final class Recorder {
  private final List<String> entries = new CopyOnWriteArrayList<>();
  private volatile Consumer<String> hook = entry -> { };

  /** Nothing recorded yet. */
  public Recorder() {}

  void log(String entry) {
    entries.add(entry);
    hook.accept(entry);
  }

  /** Runs the action on every entry logged from now on, on the logging thread. */
  void onLog(Consumer<String> action) {
    hook = action;
  }

  List<String> entries() {
    return List.copyOf(entries);
  }
}
