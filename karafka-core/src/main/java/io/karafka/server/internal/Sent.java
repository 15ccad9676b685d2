package io.karafka.server.internal;

import io.karafka.message.Message;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** A message performed inline and the acknowledgement of its responses. */
record Sent(Message message, CompletableFuture<Void> acked) {
  /**
   * Waits for the acknowledgement.
   *
   * @return null when Kafka acknowledged every response; else why it did not
   */
  Throwable awaitError() {
    try {
      acked.get();
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return e;
    }
  }
}
