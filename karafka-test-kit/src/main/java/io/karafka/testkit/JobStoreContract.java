package io.karafka.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.job.Job;
import io.karafka.job.JobBrowser;
import io.karafka.job.JobError;
import io.karafka.job.JobStore;
import io.karafka.job.Lease;
import io.karafka.message.TraceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The rules every {@link JobStore} keeps, as tests. Extend it once per store, against the real
 * server (Redis, PostgreSQL) or the in-memory fake:
 *
 * <pre>{@code
 * class RedisJobStoreIT extends JobStoreContract {
 *   protected JobStore createStore(MutableClock clock) { return new RedisJobStore(settings, clock); }
 *   protected JobStore expireLeases(JobStore store, MutableClock clock) { ... }
 * }
 * }</pre>
 *
 * Each test gets a fresh, empty store. The dedup rules (ids, per-partition watermarks) are in
 * {@link JobStoreDedupContract} and the process list in {@link JobProcessesContract}, which this
 * extends.
 */
public abstract class JobStoreContract extends JobProcessesContract {
  @Test
  void anEnqueuedJobIsFetchedWithEveryField() throws Exception {
    Job job = job(1, "default").scheduledAt(clock.instant().minusSeconds(1));
    job = new Job(job.id(), job.worker(), job.queue(), job.topic(), job.payload(), 7, 2,
        job.createdAt(), job.at(), Optional.of(Duration.ofSeconds(9)), Optional.of(
            new JobError("java.lang.IllegalStateException", "boom", clock.instant(),
                clock.instant())), TraceContext.parse(
                    "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "vendor=a1"));
    store.enqueue(List.of(job));
    List<Lease> leases = fetch(10);
    assertEquals(1, leases.size());
    Job fetched = leases.getFirst().job();
    assertEquals(job.id(), fetched.id());
    assertEquals(job.worker(), fetched.worker());
    assertEquals(job.queue(), fetched.queue());
    assertEquals(job.topic(), fetched.topic());
    assertEquals(job.payload(), fetched.payload());
    assertEquals(7, fetched.retry());
    assertEquals(2, fetched.retryCount());
    assertEquals(Optional.of(Duration.ofSeconds(9)), fetched.timeout());
    assertEquals("boom", fetched.error().orElseThrow().errorMessage());
    assertEquals(job.createdAt().toEpochMilli(), fetched.createdAt().toEpochMilli());
    assertEquals(job.trace(), fetched.trace(), "the trace context travels with the job");
  }

  @Test
  void aJobWithoutATraceContextHasNone() throws Exception {
    store.enqueue(List.of(job(1, "default")));
    assertEquals(Optional.empty(), fetch(10).getFirst().job().trace());
  }

  @Test
  void jobsOfAQueueComeOldestFirst() throws Exception {
    store.enqueue(List.of(job(1, "default"), job(2, "default")));
    store.enqueue(List.of(job(3, "default")));
    List<String> ids = new ArrayList<>();
    for (Lease lease : fetch(10)) {
      ids.add(lease.job().id());
    }
    assertEquals(List.of(job(1, "default").id(), job(2, "default").id(),
        job(3, "default").id()), ids);
  }

  @Test
  void theBrowserListsCountsRunsNowAndDeletesScheduledRetriedAndDeadJobs() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(store instanceof JobBrowser,
        "this store has no JobBrowser");
    JobBrowser browser = (JobBrowser) store;
    Instant now = clock.instant();
    Job later = job(1, "default").scheduledAt(now.plusSeconds(600));
    Job sooner = job(2, "default").scheduledAt(now.plusSeconds(300));
    store.enqueue(List.of(later, sooner, job(3, "default"), job(4, "default")));
    List<Lease> running = fetch(10);
    Lease toRetry = running.stream().filter(l -> l.job().id().equals(job(3, "x").id()))
        .findFirst().orElseThrow();
    Lease toKill = running.stream().filter(l -> l.job().id().equals(job(4, "x").id()))
        .findFirst().orElseThrow();
    Job retried = toRetry.job().failed(JobError.of(new IllegalStateException("try later"), now,
        null), true);
    store.retry(toRetry, retried, now.plusSeconds(60));
    store.kill(toKill, toKill.job().failed(JobError.of(new IllegalStateException("gone"), now,
        null), false));

    assertEquals(List.of(sooner.id(), later.id()), ids(browser.jobs(
        JobBrowser.Section.SCHEDULED, 0, 10)));
    assertEquals(List.of(later.id()), ids(browser.jobs(JobBrowser.Section.SCHEDULED, 1, 10)));
    assertEquals(now.plusSeconds(300).getEpochSecond(), browser.jobs(
        JobBrowser.Section.SCHEDULED, 0, 1).getFirst().at().orElseThrow().getEpochSecond());
    assertEquals(2, browser.count(JobBrowser.Section.SCHEDULED));
    Job retry = browser.jobs(JobBrowser.Section.RETRIES, 0, 10).getFirst();
    assertEquals(retried.id(), retry.id());
    assertEquals("try later", retry.error().orElseThrow().errorMessage());
    assertEquals(now.plusSeconds(60).getEpochSecond(), retry.at().orElseThrow()
        .getEpochSecond());
    Job dead = browser.jobs(JobBrowser.Section.DEAD, 0, 10).getFirst();
    assertEquals(toKill.job().id(), dead.id());
    assertEquals("gone", dead.error().orElseThrow().errorMessage());
    assertEquals(1, browser.count(JobBrowser.Section.DEAD));
    for (int[] bad : new int[][] {{-1, 10}, {0, 0}, {0, 1_001}}) {
      org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
          () -> browser.jobs(JobBrowser.Section.DEAD, bad[0], bad[1]));
    }

    assertFalse(browser.runNow(JobBrowser.Section.DEAD, retried.id()), "wrong section");
    assertFalse(browser.runNow(JobBrowser.Section.RETRIES, "no-such-job"));
    assertTrue(browser.runNow(JobBrowser.Section.RETRIES, retried.id()));
    assertTrue(browser.runNow(JobBrowser.Section.DEAD, dead.id()));
    assertTrue(browser.runNow(JobBrowser.Section.SCHEDULED, sooner.id()));
    assertEquals(0, browser.count(JobBrowser.Section.RETRIES));
    assertEquals(0, browser.count(JobBrowser.Section.DEAD));
    assertEquals(1, browser.count(JobBrowser.Section.SCHEDULED));
    List<Lease> again = fetch(10);
    assertEquals(Set.of(sooner.id(), retried.id(), dead.id()), new HashSet<>(ids(again.stream()
        .map(Lease::job).toList())), "moved to their queue, fetchable at once");
    Job rerun = again.stream().map(Lease::job).filter(j -> j.id().equals(retried.id()))
        .findFirst().orElseThrow();
    assertEquals(retried.retryCount(), rerun.retryCount(), "the retry count is kept");
    store.completeAll(again);

    assertTrue(browser.delete(JobBrowser.Section.SCHEDULED, later.id()));
    assertFalse(browser.delete(JobBrowser.Section.SCHEDULED, later.id()));
    assertEquals(0, browser.count(JobBrowser.Section.SCHEDULED));
    clock.advance(Duration.ofSeconds(700));
    assertEquals(List.of(), fetch(10), "a deleted job never runs");
  }

  private static List<String> ids(List<Job> jobs) {
    return jobs.stream().map(Job::id).toList();
  }

  @Test
  void queuesAreFetchedInTheOrderAsked() throws Exception {
    store.enqueue(List.of(job(1, "low"), job(2, "high")));
    List<Lease> leases = store.fetch(List.of("high", "low"), 1, NO_WAIT);
    assertEquals(job(2, "high").id(), leases.getFirst().job().id());
    assertEquals(0, store.fetch(List.of("other"), 5, NO_WAIT).size());
  }

  @Test
  void fetchTakesAtMostMax() throws Exception {
    store.enqueue(List.of(job(1, "default"), job(2, "default"), job(3, "default")));
    assertEquals(2, fetch(2).size());
    assertEquals(1, fetch(2).size());
    assertEquals(0, fetch(2).size());
  }

  @Test
  void aLeasedJobGoesToNobodyElse() throws Exception {
    store.enqueue(List.of(job(1, "default")));
    assertEquals(1, fetch(1).size());
    assertEquals(0, fetch(1).size());
    assertEquals(1, store.stats().running());
  }

  @Test
  void completingForgetsTheJobAndCountsIt() throws Exception {
    store.enqueue(List.of(job(1, "default")));
    Lease lease = fetch(1).getFirst();
    store.complete(lease);
    store.complete(lease);
    assertEquals(0, fetch(1).size());
    assertEquals(0, store.stats().running());
    assertEquals(1, store.stats().processed());
  }

  @Test
  void completeAllAndFetchEndsLeasesAndTakesTheNextJobs() throws Exception {
    store.enqueue(List.of(job(1, "default"), job(2, "default"), job(3, "default"),
        job(4, "default")));
    List<Lease> first = fetch(2);
    List<Lease> next = store.completeAllAndFetch(first, DEFAULT, 3);
    assertEquals(List.of(job(3, "default").id(), job(4, "default").id()),
        next.stream().map(l -> l.job().id()).toList());
    assertEquals(2, store.stats().processed());
    store.completeAll(next);
    store.completeAll(next);
    assertEquals(4, store.stats().processed(), "completing twice counts once");
    assertEquals(List.of(), store.completeAllAndFetch(List.of(), DEFAULT, 1));
    assertEquals(0, store.stats().running());
  }

  @Test
  void aScheduledJobWaitsForItsTime() throws Exception {
    store.enqueue(List.of(job(1, "default").scheduledAt(clock.instant().plusSeconds(60))));
    assertEquals(0, fetch(1).size());
    assertEquals(1, store.stats().scheduled());
    clock.advance(Duration.ofSeconds(61));
    assertEquals(1, fetch(1).size());
  }

  @Test
  void aRetriedJobComesBackAtItsTimeWithItsError() throws Exception {
    store.enqueue(List.of(job(1, "default")));
    Lease lease = fetch(1).getFirst();
    Job failed = lease.job().failed(JobError.of(new IllegalStateException("boom"),
        clock.instant(), null), true);
    store.retry(lease, failed, clock.instant().plusSeconds(30));
    assertEquals(0, fetch(1).size());
    assertEquals(1, store.stats().retries());
    assertEquals(1, store.stats().failed());
    clock.advance(Duration.ofSeconds(31));
    Job again = fetch(1).getFirst().job();
    assertEquals(1, again.retryCount());
    assertEquals("java.lang.IllegalStateException", again.error().orElseThrow().errorClass());
    assertEquals("boom", again.error().orElseThrow().errorMessage());
  }

  @Test
  void statsTellSinceWhenTheJobNextInLineHasWaited() throws Exception {
    assertEquals(Map.of(), store.stats().oldestQueued(), "nothing waits");
    Instant first = clock.instant();
    store.enqueue(List.of(job(1, "default")));
    clock.advance(Duration.ofSeconds(5));
    store.enqueue(List.of(job(2, "default")));
    clock.advance(Duration.ofSeconds(5));
    assertEquals(Map.of("default", first), store.stats().oldestQueued());
    assertEquals(Duration.ofSeconds(10), store.stats().latency("default", clock.instant()));
    Lease lease = fetch(1).getFirst();
    assertEquals(first.plusSeconds(5), oldestQueued("default"), "the next one's time");
    store.release(lease);
    assertEquals(first, oldestQueued("default"), "a job handed back keeps its time");
    store.completeAll(fetch(2));
    assertEquals(Map.of(), store.stats().oldestQueued(), "nothing waits again");

    Instant due = clock.instant().plusSeconds(60);
    store.enqueue(List.of(job(3, "default").scheduledAt(due)));
    clock.advance(Duration.ofSeconds(60));
    store.fetch(List.of("other"), 1, NO_WAIT); // lets a store move due jobs to their queues
    assertEquals(due, oldestQueued("default"), "a scheduled job waits from when it fell due");
    Lease failing = fetch(1).getFirst();
    Instant retryAt = clock.instant().plusSeconds(30);
    store.retry(failing, failing.job().failed(JobError.of(new IllegalStateException("x"),
        clock.instant(), null), true), retryAt);
    clock.advance(Duration.ofSeconds(30));
    store.fetch(List.of("other"), 1, NO_WAIT);
    assertEquals(retryAt, oldestQueued("default"), "a retry waits from when it fell due");
  }

  private Instant oldestQueued(String queue) {
    return store.stats().oldestQueued().get(queue);
  }

  @Test
  void aKilledJobIsDeadAndNeverFetched() throws Exception {
    store.enqueue(List.of(job(1, "default")));
    Lease lease = fetch(1).getFirst();
    store.kill(lease, lease.job().failed(JobError.of(new RuntimeException("x"), clock.instant(),
        null), false));
    clock.advance(Duration.ofDays(1));
    assertEquals(0, fetch(1).size());
    assertEquals(1, store.stats().dead());
    store.enqueue(List.of(job(1, "default")));
    assertEquals(0, store.stats().totalQueued(), "a dead job's id is known");
  }

  @Test
  void aReleasedJobGoesBackToTheHeadOfItsQueue() throws Exception {
    store.enqueue(List.of(job(1, "default"), job(2, "default")));
    Lease first = fetch(1).getFirst();
    store.release(first);
    store.release(first);
    List<Lease> again = fetch(5);
    assertEquals(2, again.size());
    assertEquals(job(1, "default").id(), again.getFirst().job().id());
  }

  @Test
  void endingALeaseTwiceDoesNothing() throws Exception {
    store.enqueue(List.of(job(1, "default")));
    Lease lease = fetch(1).getFirst();
    store.release(lease);
    store.complete(lease);
    assertEquals(0, store.stats().processed());
    assertEquals(1, fetch(1).size());
  }

  @Test
  void theJobsOfADeadWorkerAreGivenOutAgain() throws Exception {
    store.enqueue(List.of(job(1, "default")));
    assertEquals(1, fetch(1).size());
    store = expireLeases(store, clock);
    List<Lease> again = fetch(1);
    assertEquals(1, again.size());
    assertEquals(job(1, "default").id(), again.getFirst().job().id());
  }

  @Test
  void anEmptyFetchWaitsAndWakesUpForANewJob() throws Exception {
    FutureTask<List<Lease>> waiting = new FutureTask<>(() -> store.fetch(DEFAULT, 1,
        Duration.ofSeconds(20)));
    Thread fetching = Thread.ofPlatform().daemon().name("contract-waiting-fetch").start(waiting);
    try {
      Await.within(Duration.ofSeconds(20), "the fetch to wait for a job",
          () -> fetchIsWaiting(fetching));
      assertFalse(waiting.isDone(), "an empty fetch waits");
      store.enqueue(List.of(job(1, "default")));
      List<Lease> leases = waiting.get(20, TimeUnit.SECONDS);
      assertEquals(1, leases.size());
    } finally {
      fetching.interrupt();
    }
    assertEquals(0, store.fetch(DEFAULT, 1, Duration.ofMillis(50)).size());
  }

  /**
   * Whether a fetch running on {@code fetching} found no job and now waits for one, so that
   * {@link #anEmptyFetchWaitsAndWakesUpForANewJob} enqueues only then. The default holds while
   * that thread is parked ({@code WAITING} or {@code TIMED_WAITING}), as in a store that waits on
   * a lock's condition. Override it when the store waits otherwise, or parks on the way too (for
   * a connection from its pool): e.g. ask the server (Redis's {@code CLIENT LIST} shows the
   * blocked command), or look for the waiting method in the thread's stack.
   *
   * @param fetching the thread that called {@link JobStore#fetch} with a wait
   */
  protected boolean fetchIsWaiting(Thread fetching) {
    Thread.State state = fetching.getState();
    return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
  }

  @Test
  void concurrentWorkersNeverGetTheSameJob() throws Exception {
    int jobs = 200;
    List<Job> all = new ArrayList<>();
    for (int i = 0; i < jobs; i++) {
      all.add(job(i, "default"));
    }
    store.enqueue(all);
    Set<String> seen = Collections.synchronizedSet(new HashSet<>());
    List<String> duplicates = Collections.synchronizedList(new ArrayList<>());
    ExecutorService workers = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        running.add(workers.submit(() -> {
          List<Lease> leases;
          while (!(leases = store.fetch(DEFAULT, 3, Duration.ofMillis(50))).isEmpty()) {
            for (Lease lease : leases) {
              if (!seen.add(lease.job().id())) {
                duplicates.add(lease.job().id());
              }
              store.complete(lease);
            }
          }
          return null;
        }));
      }
      for (Future<?> f : running) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      workers.shutdownNow();
    }
    assertTrue(duplicates.isEmpty(), "jobs given to two workers: " + duplicates);
    assertEquals(jobs, seen.size());
    assertEquals(jobs, store.stats().processed());
  }
}
