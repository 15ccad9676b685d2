package io.karafka.worker;

import io.karafka.job.Job;
import io.karafka.job.JobStore;
import io.karafka.job.Lease;
import io.karafka.monitor.Dependency;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How a worker ends its leases (complete, retry, kill, release) without ever dropping one: an
 * acknowledgement the store refuses is kept, in order, and written again until the store takes
 * it, so a performed job is never run again because its completion failed once. The worker
 * fetches no new job while any is kept, which bounds them to the leases it held.
 *
 * <p>Thread-safe.
 */
final class Acknowledgements {
  private final JobStore store;
  private final Dependency state;
  private final Deque<Ack> kept = new ArrayDeque<>();
  private final ReentrantLock writing = new ReentrantLock();

  Acknowledgements(JobStore store, Dependency state) {
    this.store = store;
    this.state = state;
  }

  /** One way to end a lease. */
  sealed interface Ack {
    Lease lease();
  }

  record Complete(Lease lease) implements Ack {}

  record Retry(Lease lease, Job failed, Instant at) implements Ack {}

  record Kill(Lease lease, Job failed) implements Ack {}

  record Release(Lease lease) implements Ack {}

  /** Ends the lease now, or keeps the acknowledgement when the store refuses it. */
  void end(Ack ack) {
    if (!isEmpty()) {
      keep(List.of(ack)); // keep the order: the store is down anyway
      return;
    }
    try {
      write(ack);
      state.succeeded();
    } catch (RuntimeException e) {
      state.failed(e);
      keep(List.of(ack));
    }
  }

  /** Keeps acknowledgements that could not be written, to write them with {@link #flush()}. */
  void keep(List<? extends Ack> acks) {
    synchronized (kept) {
      kept.addAll(acks);
    }
  }

  /** @return true when none is kept */
  boolean isEmpty() {
    synchronized (kept) {
      return kept.isEmpty();
    }
  }

  /** @return how many are kept */
  int size() {
    synchronized (kept) {
      return kept.size();
    }
  }

  /**
   * Writes the kept acknowledgements in order (consecutive completions in one call); one thread
   * at a time, the others return at once.
   *
   * @return true when none is kept any more
   */
  boolean flush() {
    if (isEmpty()) {
      return true;
    }
    if (!writing.tryLock()) {
      return false;
    }
    try {
      while (true) {
        List<Ack> next = next();
        if (next.isEmpty()) {
          return true;
        }
        try {
          if (next.getFirst() instanceof Complete) {
            store.completeAll(next.stream().map(Ack::lease).toList());
          } else {
            write(next.getFirst());
          }
        } catch (RuntimeException e) {
          state.failed(e);
          return false;
        }
        synchronized (kept) {
          for (int i = 0; i < next.size(); i++) {
            kept.pollFirst();
          }
        }
        state.succeeded();
      }
    } finally {
      writing.unlock();
    }
  }

  /**
   * Flushes until none is kept or the deadline passes, waiting between tries.
   *
   * @return true when none is kept any more
   */
  boolean flushUntil(long deadlineNanos) {
    long wait = 100;
    while (!flush()) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      try {
        Thread.sleep(Math.min(wait, Duration.ofNanos(left).toMillis() + 1));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      wait = Math.min(2_000, wait * 2);
    }
    return true;
  }

  /** @return the first kept acknowledgement, or the run of completions it starts */
  private List<Ack> next() {
    synchronized (kept) {
      List<Ack> run = new ArrayList<>();
      for (Ack ack : kept) {
        if (!run.isEmpty() && !(ack instanceof Complete && run.getFirst() instanceof Complete)) {
          break;
        }
        run.add(ack);
        if (!(ack instanceof Complete)) {
          break;
        }
      }
      return run;
    }
  }

  private void write(Ack ack) {
    switch (ack) {
      case Complete c -> store.complete(c.lease());
      case Retry r -> store.retry(r.lease(), r.failed(), r.at());
      case Kill k -> store.kill(k.lease(), k.failed());
      case Release r -> store.release(r.lease());
    }
  }
}
