package io.karafka.job;

import java.util.List;
import java.util.Objects;

/**
 * The jobs made from messages of one partition, as the dispatcher hands them to
 * {@link JobQueue#enqueue(ConsumedJobs)}, with the offset each job stands for, so a store can
 * tell a message consumed again from a new one without remembering every id.
 *
 * <p>A store keeps one entry per group, topic and partition: the incarnation ({@code topicId})
 * and the highest offset it durably enqueued. Jobs at or below that offset of the same
 * incarnation are skipped; another incarnation replaces the entry. With {@code topicId} empty
 * (unknown) no entry is read or written: the jobs are enqueued as by
 * {@link JobQueue#enqueue(java.util.List)}, so nothing is ever taken for a duplicate.
 *
 * <pre>{@code
 * List<Long> skipped = store.enqueue(new ConsumedJobs("app_users", "users", 0,
 *     "Yx2_uHZ1Qd6d3OPzTk0cTw", List.of(job40, job41), List.of(40L, 41L)));
 * }</pre>
 *
 * @param group the consumer group
 * @param topic the route topic (as in the jobs' ids)
 * @param partition the partition, zero or more
 * @param topicId the Kafka topic id, or {@code ""} when unknown
 * @param jobs the jobs, in offset order
 * @param offsets the offset of each job's message (of the last message for a batch job),
 *     strictly increasing, zero or more; as many as jobs
 */
public record ConsumedJobs(String group, String topic, int partition, String topicId,
                           List<Job> jobs, List<Long> offsets) {
  /** Validates and copies. */
  public ConsumedJobs {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(topicId, "topicId");
    jobs = List.copyOf(jobs);
    offsets = List.copyOf(offsets);
    if (partition < 0) {
      throw new IllegalArgumentException("partition must be >= 0, was " + partition);
    }
    if (jobs.size() != offsets.size()) {
      throw new IllegalArgumentException("one offset per job: " + jobs.size() + " job(s), "
          + offsets.size() + " offset(s)");
    }
    long previous = -1;
    for (long offset : offsets) {
      if (offset <= previous) {
        throw new IllegalArgumentException("offsets must be >= 0 and strictly increasing: "
            + offset + " after " + (previous < 0 ? "none" : previous) + " in " + offsets);
      }
      previous = offset;
    }
  }

  /** @return whether a store should use its per-partition watermark (the topic id is known) */
  public boolean incarnationKnown() {
    return !topicId.isEmpty();
  }

  /**
   * @return the offsets at or below a store's watermark: the jobs to skip (a prefix, as the
   *     offsets increase)
   */
  public List<Long> offsetsUpTo(long watermark) {
    return offsets.subList(0, countUpTo(watermark));
  }

  /** @return the jobs above a store's watermark: the ones to enqueue, in offset order */
  public List<Job> jobsAfter(long watermark) {
    return jobs.subList(countUpTo(watermark), jobs.size());
  }

  private int countUpTo(long watermark) {
    int count = 0;
    while (count < offsets.size() && offsets.get(count) <= watermark) {
      count++;
    }
    return count;
  }

  /** @return the highest offset, or -1 when there are no jobs */
  public long lastOffset() {
    return offsets.isEmpty() ? -1 : offsets.getLast();
  }
}
