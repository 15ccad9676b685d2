package io.karafka.testkit;

import io.karafka.producer.OutgoingMessage;
import io.karafka.producer.Producer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** A producer whose acknowledgements the test gives or refuses, one future per send. */
final class HeldProducer implements Producer {
  final List<CompletableFuture<Void>> sends = new CopyOnWriteArrayList<>();
  final List<List<OutgoingMessage>> messages = new CopyOnWriteArrayList<>();

  @Override
  public void send(List<OutgoingMessage> batch) {
    sendAsync(batch).join();
  }

  @Override
  public CompletableFuture<Void> sendAsync(List<OutgoingMessage> batch) {
    CompletableFuture<Void> ack = new CompletableFuture<>();
    messages.add(List.copyOf(batch));
    sends.add(ack);
    return ack;
  }
}
