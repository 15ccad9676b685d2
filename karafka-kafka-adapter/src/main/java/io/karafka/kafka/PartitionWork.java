package io.karafka.kafka;

import io.karafka.consumer.Batch;
import io.karafka.consumer.BatchHandler;
import io.karafka.consumer.BatchResult;
import java.util.Queue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * The pool side of a group: one pool thread at a time works through a partition's queue of
 * polled batches, in order, and hands each result back to the poll thread as a
 * {@link Completion}; partitions run in parallel.
 */
final class PartitionWork {
  /** A polled batch waiting in its partition's queue, with its size. */
  record Queued(Batch batch, long bytes) {}

  private final ExecutorService pool;
  private final BatchHandler handler;
  private final Queue<Completion> completions;
  private final Runnable wakeUpPollThread;

  PartitionWork(ExecutorService pool, BatchHandler handler, Queue<Completion> completions,
                Runnable wakeUpPollThread) {
    this.pool = pool;
    this.handler = handler;
    this.completions = completions;
    this.wakeUpPollThread = wakeUpPollThread;
  }

  /** Starts a pool thread on the partition's queue unless one is at it. */
  void schedule(PartitionState state) {
    if (!state.halted && state.draining.compareAndSet(false, true)) {
      try {
        pool.execute(() -> work(state));
      } catch (RejectedExecutionException e) {
        state.draining.set(false);
      }
    }
  }

  /**
   * On a pool thread: handles the partition's batches in order until the queue is empty or a
   * batch fails; then the poll thread decides (retry or dead letter).
   */
  private void work(PartitionState state) {
    while (true) {
      Queued next;
      while (!state.halted && (next = state.queue.poll()) != null) {
        Batch batch = next.batch();
        int left = state.queued.decrementAndGet();
        long leftBytes = state.queuedBytes.addAndGet(-next.bytes());
        BatchResult result;
        try {
          result = handler.handle(batch);
        } catch (RuntimeException e) {
          result = BatchResult.Failed.at(batch.messages().getFirst(), e);
        }
        completions.add(new Completion(state, batch, result, null, null));
        if (result instanceof BatchResult.Failed) {
          state.halted = true;
          wakeUpPollThread.run();
        } else if (state.paused && !PartitionState.full(left, leftBytes)) {
          wakeUpPollThread.run();
        }
      }
      state.draining.set(false);
      if (state.halted || state.queue.isEmpty() || !state.draining.compareAndSet(false, true)) {
        return;
      }
    }
  }
}
