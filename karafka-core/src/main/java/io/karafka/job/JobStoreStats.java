package io.karafka.job;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A snapshot of a job store, as Sidekiq's dashboard shows it.
 *
 * @param queued jobs waiting per queue (copied)
 * @param running jobs leased to workers now
 * @param scheduled jobs scheduled for later (not retries)
 * @param retries failed jobs waiting to be retried
 * @param dead jobs that used up their retries
 * @param processed jobs completed since the store began counting
 * @param failed failed runs since the store began counting
 * @param oldestQueued per queue with a waiting job, since when the job next in line has been
 *     waiting: when it was enqueued, or when it fell due (a scheduled job, a retry); a job
 *     handed back (released, or recovered from a dead worker) keeps its place and, where the
 *     store knows it, its time (copied). Sidekiq's queue latency is the time since then.
 */
public record JobStoreStats(Map<String, Long> queued, long running, long scheduled, long retries,
                            long dead, long processed, long failed,
                            Map<String, Instant> oldestQueued) {
  /** Copies. */
  public JobStoreStats {
    queued = Map.copyOf(queued);
    oldestQueued = Map.copyOf(oldestQueued);
  }

  /** @return the sum of waiting jobs over all queues */
  public long totalQueued() {
    return queued.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * @param queue a queue name
   * @param now the time to measure to, from the store's clock
   * @return how long the job next in line of the queue has been waiting (Sidekiq's queue
   *     latency); zero when none waits
   */
  public Duration latency(String queue, Instant now) {
    Instant since = oldestQueued.get(queue);
    return since == null || since.isAfter(now) ? Duration.ZERO : Duration.between(since, now);
  }
}
