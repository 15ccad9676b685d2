package io.karafka.job;

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
 */
public record JobStoreStats(Map<String, Long> queued, long running, long scheduled, long retries,
                            long dead, long processed, long failed) {
  /** Copies. */
  public JobStoreStats {
    queued = Map.copyOf(queued);
  }

  /** @return the sum of waiting jobs over all queues */
  public long totalQueued() {
    return queued.values().stream().mapToLong(Long::longValue).sum();
  }
}
