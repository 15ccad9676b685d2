package io.karafka.queue.jdbc;

import io.karafka.job.Job;
import io.karafka.job.JobPerformer;
import io.karafka.job.Worker;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/** Jobs and performers for tests. */
final class Jobs {
  private Jobs() {}

  static Job job(Clock clock, String id) {
    return Job.create(id, Worker.named("TestWorker"), "jobs", "[{\"n\":1}]", clock.instant());
  }

  static List<Job> many(Clock clock, String prefix, int count) {
    List<Job> jobs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      jobs.add(job(clock, prefix + i));
    }
    return jobs;
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(5);
    }
  }

  /** Counts performs per job id. */
  static final class Counting implements JobPerformer {
    final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    final AtomicInteger total = new AtomicInteger();

    @Override
    public void perform(Job job) {
      runs.computeIfAbsent(job.id(), id -> new AtomicInteger()).incrementAndGet();
      total.incrementAndGet();
    }

    @Override
    public void afterFailure(Job job, Throwable error) { }

    List<String> duplicates() {
      return runs.entrySet().stream().filter(e -> e.getValue().get() > 1).map(Map.Entry::getKey)
          .toList();
    }
  }
}
