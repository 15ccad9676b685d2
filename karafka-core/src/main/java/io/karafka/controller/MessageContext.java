package io.karafka.controller;

import io.karafka.job.Worker;
import io.karafka.params.Params;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a controller is bound to while it handles one message or batch: its params, its worker,
 * where its responses go. Made by {@link ControllerCall}; not thread-safe.
 */
final class MessageContext {
  private final String topic;
  private final boolean inlineMode;
  private final boolean batchMode;
  private final List<Params> params;
  private final Consumer<Object> responses;
  private Worker worker;
  private Instant performAt;

  MessageContext(String topic, boolean inlineMode, boolean batchMode, List<Params> params,
                 Worker worker, Consumer<Object> responses) {
    this.topic = Objects.requireNonNull(topic, "topic");
    this.inlineMode = inlineMode;
    this.batchMode = batchMode;
    this.params = List.copyOf(params);
    this.worker = Objects.requireNonNull(worker, "worker");
    this.responses = Objects.requireNonNull(responses, "responses");
  }

  String topic() {
    return topic;
  }

  boolean inlineMode() {
    return inlineMode;
  }

  boolean batchMode() {
    return batchMode;
  }

  List<Params> params() {
    return params;
  }

  void respond(Object data) {
    responses.accept(data);
  }

  Worker worker() {
    return worker;
  }

  void worker(Worker value) {
    this.worker = value;
  }

  Optional<Instant> performAt() {
    return Optional.ofNullable(performAt);
  }

  void performAt(Instant value) {
    this.performAt = value;
  }
}
