package io.karafka.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.karafka.job.ConsumedJobs;
import io.karafka.job.Job;
import io.karafka.job.JobId;
import io.karafka.job.JobStore;
import io.karafka.job.Lease;
import io.karafka.job.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store under test and the dedup rules of {@link JobStoreContract}: ids while a store holds
 * the job, and the per-partition watermark of {@link JobStore#enqueue(ConsumedJobs)}. Kept apart
 * to keep each file to one concern; extend {@link JobStoreContract}, which adds the other rules.
 */
public abstract class JobStoreDedupContract {
  private static final Instant SENT = Instant.parse("2025-12-31T23:59:00Z");

  /** Fetches that do not wait. */
  protected static final Duration NO_WAIT = Duration.ZERO;
  /** The default queue alone. */
  protected static final List<String> DEFAULT = List.of(Worker.DEFAULT_QUEUE);

  /** The clock the store under test reads. */
  protected MutableClock clock;
  /** The store under test. */
  protected JobStore store;

  /** @return a new, empty store on that clock */
  protected abstract JobStore createStore(MutableClock clock) throws Exception;

  /**
   * Makes the worker process holding the store's current leases die (e.g. close its store, so
   * its heartbeat or lease renewals stop) and lets their time pass (move the clock past the lease
   * time); a store whose leases simply expire by the clock may return itself.
   *
   * @return the store a live worker process uses from now on, on the same data
   */
  protected abstract JobStore expireLeases(JobStore store, MutableClock clock) throws Exception;

  @BeforeEach
  void createStoreUnderTest() throws Exception {
    clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    store = createStore(clock);
  }

  @AfterEach
  void closeStoreUnderTest() {
    if (store != null) {
      store.close();
    }
  }

  /** @return a job on a queue, its id made from the offset */
  protected Job job(long offset, String queue) {
    return Job.create(JobId.of("group", "topic", 0, offset), Worker.named("TestWorker")
        .queue(queue), "topic", "payload-" + offset + " ✓ \u0000 {\"binary\":\"AAEC\"}",
        clock.instant());
  }

  /** @return up to {@code max} leases of the default queue, without waiting */
  protected List<Lease> fetch(int max) throws InterruptedException {
    return store.fetch(DEFAULT, max, NO_WAIT);
  }

  /** @return a consumed message's job, its id made as the dispatcher makes it */
  protected Job consumed(String group, String topic, int partition, long offset, String topicId) {
    return Job.create(JobId.of(group, topic, partition, offset, topicId, SENT),
        Worker.named("TestWorker"), topic, "payload-" + offset, clock.instant());
  }

  /** @return the jobs of those offsets of group/topic/partition 0, as the dispatcher hands them */
  protected ConsumedJobs consumed(String topicId, long... offsets) {
    return consumed("group", "topic", 0, topicId, offsets);
  }

  /** @return the jobs of those offsets, as the dispatcher hands them */
  protected ConsumedJobs consumed(String group, String topic, int partition, String topicId,
                                  long... offsets) {
    List<Job> jobs = new ArrayList<>();
    List<Long> list = new ArrayList<>();
    for (long offset : offsets) {
      jobs.add(consumed(group, topic, partition, offset, topicId));
      list.add(offset);
    }
    return new ConsumedJobs(group, topic, partition, topicId, jobs, list);
  }

  @Test
  void aLargeBatchKeepsItsOrderPerQueueAndSkipsItsOwnDuplicates() throws Exception {
    List<Job> batch = new ArrayList<>();
    for (int i = 0; i < 2_500; i++) {
      batch.add(job(i, i % 5 == 0 ? "low" : "default"));
      if (i % 100 == 0) {
        batch.add(job(i, i % 5 == 0 ? "low" : "default")); // consumed twice in one poll
      }
    }
    store.enqueue(batch);
    for (String queue : List.of("default", "low")) {
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < 2_500; i++) {
        if ((i % 5 == 0) == queue.equals("low")) {
          expected.add(job(i, queue).id());
        }
      }
      List<String> fetched = new ArrayList<>();
      List<Lease> leases;
      while (!(leases = store.fetch(List.of(queue), 300, NO_WAIT)).isEmpty()) {
        leases.forEach(lease -> fetched.add(lease.job().id()));
        store.completeAll(leases);
      }
      assertEquals(expected, fetched, "queue " + queue + " oldest first, each job once");
    }
  }

  @Test
  void theSameIdIsEnqueuedOnceWhileTheStoreHoldsIt() throws Exception {
    store.enqueue(List.of(job(1, "default"), job(1, "default")));
    store.enqueue(List.of(job(1, "default")));
    assertEquals(1, store.stats().totalQueued());
    Lease lease = fetch(1).getFirst();
    store.enqueue(List.of(job(1, "default")));
    assertEquals(0, store.stats().totalQueued(), "a running job's id is known");
    store.complete(lease);
    store.enqueue(List.of(job(1, "default")));
    assertEquals(1, store.stats().totalQueued(), "a completed job's id is not remembered");
  }

  @Test
  void reEnqueueingTheSameConsumedJobsSkipsThemAndReturnsTheirOffsets() throws Exception {
    assertEquals(List.of(), store.enqueue(consumed("topic-a", 10, 11, 12)));
    assertEquals(List.of(10L, 11L, 12L), store.enqueue(consumed("topic-a", 10, 11, 12)));
    assertEquals(List.of(12L), store.enqueue(consumed("topic-a", 12, 13)));
    assertEquals(4, store.stats().totalQueued());
    assertEquals(List.of(), store.enqueue(consumed("topic-a", 20)), "a gap is no duplicate");
    assertEquals(List.of(13L, 14L), store.enqueue(consumed("topic-a", 13, 14, 21)),
        "at or below the watermark counts as enqueued: the dispatcher hands offsets in order");
    assertEquals(6, store.stats().totalQueued());
  }

  @Test
  void aNewTopicIdAtTheSameOffsetsIsEnqueued() throws Exception {
    store.enqueue(consumed("topic-a", 0, 1, 2));
    assertEquals(List.of(), store.enqueue(consumed("topic-b", 0, 1)), "the topic was recreated");
    assertEquals(5, store.stats().totalQueued());
    assertEquals(List.of(0L, 1L), store.enqueue(consumed("topic-b", 0, 1)));
    assertEquals(List.of(), store.enqueue(consumed("topic-b", 2)), "the watermark is b's 1");
    assertEquals(6, store.stats().totalQueued());
  }

  @Test
  void aCompletedJobsMessageConsumedAgainIsSkipped() throws Exception {
    store.enqueue(consumed("topic-a", 5, 6));
    store.completeAll(fetch(10));
    assertEquals(0, store.stats().totalQueued());
    assertEquals(List.of(5L, 6L), store.enqueue(consumed("topic-a", 5, 6)));
    assertEquals(0, store.stats().totalQueued());
    assertEquals(List.of(), fetch(10));
    assertEquals(List.of(6L), store.enqueue(consumed("topic-a", 6, 7)));
    assertEquals(1, fetch(10).size());
  }

  @Test
  void anUnknownTopicIdNeverSkipsAndLeavesTheWatermarkAlone() throws Exception {
    store.enqueue(consumed("topic-a", 1, 2, 3));
    assertEquals(List.of(), store.enqueue(consumed("", 1, 2, 3, 10)));
    assertEquals(7, store.stats().totalQueued());
    store.completeAll(fetch(10));
    assertEquals(List.of(), store.enqueue(consumed("", 1, 2)), "never a false duplicate");
    assertEquals(2, store.stats().totalQueued());
    assertEquals(List.of(3L), store.enqueue(consumed("topic-a", 3, 4)),
        "the watermark is still topic-a's 3");
  }

  @Test
  void eachGroupTopicAndPartitionHasItsOwnWatermark() throws Exception {
    store.enqueue(consumed("group", "topic", 0, "topic-a", 0, 1, 2, 3, 4));
    assertEquals(List.of(), store.enqueue(consumed("group", "topic", 1, "topic-a", 0, 1, 2)));
    assertEquals(List.of(), store.enqueue(consumed("other", "topic", 0, "topic-a", 0, 1)));
    assertEquals(List.of(), store.enqueue(consumed("group", "topic2", 0, "topic-c", 0)));
    assertEquals(11, store.stats().totalQueued());
    assertEquals(List.of(3L, 4L), store.enqueue(consumed("group", "topic", 0, "topic-a", 3, 4)));
    assertEquals(List.of(2L), store.enqueue(consumed("group", "topic", 1, "topic-a", 2, 3)));
    assertEquals(List.of(1L), store.enqueue(consumed("other", "topic", 0, "topic-a", 1, 2)));
    assertEquals(List.of(0L), store.enqueue(consumed("group", "topic2", 0, "topic-c", 0)));
    assertEquals(13, store.stats().totalQueued());
  }
}
