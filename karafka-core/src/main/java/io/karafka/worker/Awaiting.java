package io.karafka.worker;

import io.karafka.job.Lease;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;

/**
 * Jobs performed whose responses Kafka has yet to acknowledge. The worker thread that performed
 * one moves on; the job is completed (or failed, when the responses were refused) by a worker
 * thread once its acknowledgement is in, so a job is never completed before its responses are
 * safe and no thread waits for a round trip. At most {@code limit} jobs wait at once: beyond it
 * the worker fetches no new job. Thread-safe.
 */
final class Awaiting {
  /** A job whose responses were acknowledged ({@code error} null) or refused. */
  record Settled(Lease lease, Throwable error, long startNanos) {}

  private final int limit;
  private final Map<String, Lease> waiting = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Settled> settled = new ConcurrentLinkedQueue<>();
  private final Object signal = new Object();

  Awaiting(int limit) {
    this.limit = limit;
  }

  /** Waits for the job's responses without a thread; {@link #take} hands the job back. */
  void add(Lease lease, CompletableFuture<?> responses, long startNanos) {
    waiting.put(lease.token(), lease);
    // runs on the producer's I/O thread: only queue it and wake a worker
    responses.whenComplete((ignored, error) -> {
      settled.add(new Settled(lease, unwrap(error), startNanos));
      synchronized (signal) {
        signal.notifyAll();
      }
    });
  }

  /** @return the jobs settled since the last call */
  List<Settled> take() {
    List<Settled> all = new ArrayList<>();
    for (Settled s = settled.poll(); s != null; s = settled.poll()) {
      waiting.remove(s.lease().token());
      all.add(s);
    }
    return all;
  }

  /** @return how many jobs wait, settled but not taken included */
  int size() {
    return waiting.size();
  }

  /** @return whether as many jobs wait as may */
  boolean full() {
    return waiting.size() >= limit;
  }

  /** @return the jobs that wait and have not settled (to hand back after a stop's deadline) */
  List<Lease> unsettled() {
    return List.copyOf(waiting.values());
  }

  /** Waits until a job settles or the time passes. */
  void awaitSettled(long millis) {
    synchronized (signal) {
      if (settled.isEmpty()) {
        try {
          signal.wait(millis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  private static Throwable unwrap(Throwable error) {
    Throwable e = error;
    while ((e instanceof CompletionException || e instanceof ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }
}
