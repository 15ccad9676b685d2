package io.karafka.benchmarks;

import io.karafka.params.Params;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts what the controllers of a Kafka benchmark handled and, while asked to, their latencies:
 * one per run, shared by the run's controllers (reset between rounds).
 */
final class Counts {
  final AtomicLong count = new AtomicLong();
  final AtomicLong first = new AtomicLong();
  final AtomicLong last = new AtomicLong();
  final long[] latencies = new long[1_000_000];
  final AtomicInteger latencyCount = new AtomicInteger();
  volatile boolean recordLatency;
  private final long expected;

  /** @param expected messages of a round: the last one's time is kept */
  Counts(long expected) {
    this.expected = expected;
  }

  void seen(Params p) {
    seen(p.get("sent"));
  }

  /** @param sent when the message was produced ({@code System.nanoTime()}) */
  void seen(Object sent) {
    long now = System.nanoTime();
    first.compareAndSet(0, now);
    if (recordLatency) {
      int slot = latencyCount.getAndIncrement();
      if (slot < latencies.length && sent instanceof Number n) {
        latencies[slot] = now - n.longValue();
      }
    }
    if (count.incrementAndGet() == expected) {
      last.set(now);
    }
  }
}
