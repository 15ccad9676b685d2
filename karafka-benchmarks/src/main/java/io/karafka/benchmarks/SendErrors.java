package io.karafka.benchmarks;

/** Remembers the first record the broker refused, so a run never measures missing data. */
final class SendErrors implements org.apache.kafka.clients.producer.Callback {
  private final java.util.concurrent.atomic.AtomicReference<Exception> first =
      new java.util.concurrent.atomic.AtomicReference<>();

  @Override
  public void onCompletion(org.apache.kafka.clients.producer.RecordMetadata metadata,
                           Exception error) {
    if (error != null) {
      first.compareAndSet(null, error);
    }
  }

  void check() {
    Exception error = first.get();
    if (error != null) {
      throw new IllegalStateException("the broker refused benchmark records: " + error, error);
    }
  }
}
