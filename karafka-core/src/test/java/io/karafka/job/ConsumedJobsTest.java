package io.karafka.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsumedJobsTest {
  private static Job job(long offset) {
    return Job.create(JobId.of("g", "t", 0, offset), Worker.named("W"), "t", "p", Instant.EPOCH);
  }

  @Test
  void needsOneOffsetPerJobStrictlyIncreasing() {
    assertEquals("one offset per job: 2 job(s), 1 offset(s)", assertThrows(
        IllegalArgumentException.class, () -> new ConsumedJobs("g", "t", 0, "id",
            List.of(job(1), job(2)), List.of(1L))).getMessage());
    assertEquals("offsets must be >= 0 and strictly increasing: 1 after 1 in [1, 1]",
        assertThrows(IllegalArgumentException.class, () -> new ConsumedJobs("g", "t", 0, "id",
            List.of(job(1), job(2)), List.of(1L, 1L))).getMessage());
    assertEquals("offsets must be >= 0 and strictly increasing: -1 after none in [-1]",
        assertThrows(IllegalArgumentException.class, () -> new ConsumedJobs("g", "t", 0, "id",
            List.of(job(1)), List.of(-1L))).getMessage());
    assertThrows(IllegalArgumentException.class, () -> new ConsumedJobs("g", "t", -1, "id",
        List.of(), List.of()));
    assertThrows(NullPointerException.class, () -> new ConsumedJobs("g", "t", 0, null,
        List.of(), List.of()));
  }

  @Test
  void copiesAndTellsWhetherTheIncarnationIsKnown() {
    List<Job> jobs = new ArrayList<>(List.of(job(4), job(9)));
    ConsumedJobs consumed = new ConsumedJobs("g", "t", 0, "id", jobs, List.of(4L, 9L));
    jobs.clear();
    assertEquals(2, consumed.jobs().size());
    assertEquals(9, consumed.lastOffset());
    assertTrue(consumed.incarnationKnown());
    assertFalse(new ConsumedJobs("g", "t", 0, "", List.of(), List.of()).incarnationKnown());
    assertEquals(-1, new ConsumedJobs("g", "t", 0, "", List.of(), List.of()).lastOffset());
  }

  @Test
  void aQueueWithoutEntriesEnqueuesEverythingAndSkipsNothing() {
    List<Job> got = new ArrayList<>();
    JobQueue queue = got::addAll;
    assertEquals(List.of(), queue.enqueue(new ConsumedJobs("g", "t", 0, "id",
        List.of(job(1), job(2)), List.of(1L, 2L))));
    assertEquals(2, got.size());
  }

  @Test
  void splitsAtAStoresWatermarkIntoOffsetsToSkipAndJobsToEnqueue() {
    ConsumedJobs consumed = new ConsumedJobs("g", "t", 0, "id", List.of(job(4), job(5), job(7)),
        List.of(4L, 5L, 7L));

    assertEquals(List.of(4L, 5L), consumed.offsetsUpTo(5));
    assertEquals(List.of(job(7)), consumed.jobsAfter(5));
    assertEquals(List.of(), consumed.offsetsUpTo(3));
    assertEquals(3, consumed.jobsAfter(-1).size());
    assertEquals(List.of(), consumed.jobsAfter(7));
  }
}
