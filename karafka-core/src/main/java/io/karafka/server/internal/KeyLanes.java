package io.karafka.server.internal;

import io.karafka.message.Message;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * Per-key mode: runs one poll's messages of a partition in parallel across keys, each key's
 * messages one at a time and in offset order on a virtual thread of its own (messages without a
 * key share one lane), and waits for all of them and for their responses. A lane stops at its
 * first failure. At most {@code maxInFlight} messages run at once in the process. Thread-safe.
 */
final class KeyLanes {
  /** Runs one message; returns what completes once Kafka acknowledged its responses. */
  @FunctionalInterface
  interface Step {
    CompletableFuture<Void> run(Message message) throws Exception;
  }

  /** A message that failed, or whose responses Kafka refused. */
  record Failure(Message message, Throwable error) {}

  private static final String NO_KEY = "";
  private final Semaphore inFlight;

  KeyLanes(int maxInFlight) {
    this.inFlight = new Semaphore(maxInFlight);
  }

  /**
   * @return every failure, lowest offset first; empty when every message and its responses
   *     went through
   */
  List<Failure> run(List<Message> messages, Step step) {
    Map<String, List<Message>> lanes = new LinkedHashMap<>();
    HexFormat hex = HexFormat.of();
    for (Message m : messages) {
      String key = m.key() == null ? NO_KEY : "k" + hex.formatHex(m.key());
      lanes.computeIfAbsent(key, k -> new ArrayList<>()).add(m);
    }
    List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
    List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (List<Message> lane : lanes.values()) {
        threads.execute(() -> runLane(lane, step, sent, failures));
      }
    } // close() waits for every lane
    for (Sent s : sent) {
      Throwable error = s.awaitError();
      if (error != null) {
        failures.add(new Failure(s.message(), error));
      }
    }
    List<Failure> sorted = new ArrayList<>(failures);
    sorted.sort((a, b) -> Long.compare(a.message().offset(), b.message().offset()));
    return sorted;
  }

  private void runLane(List<Message> lane, Step step, List<Sent> sent, List<Failure> failures) {
    for (Message message : lane) {
      try {
        inFlight.acquire();
      } catch (InterruptedException e) {
        failures.add(new Failure(message, e));
        return;
      }
      try {
        sent.add(new Sent(message, step.run(message)));
      } catch (Throwable e) {
        if (e instanceof VirtualMachineError fatal) {
          throw fatal;
        }
        failures.add(new Failure(message, e));
        return; // the rest of the key waits for this one: it comes again from here
      } finally {
        inFlight.release();
      }
    }
  }
}
