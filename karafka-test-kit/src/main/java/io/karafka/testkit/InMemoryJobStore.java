package io.karafka.testkit;

import io.karafka.job.ConsumedJobs;
import io.karafka.job.Job;
import io.karafka.job.JobBrowser;
import io.karafka.job.JobStore;
import io.karafka.job.JobStoreStats;
import io.karafka.job.JobStoreUnavailableException;
import io.karafka.job.Lease;
import io.karafka.job.ProcessInfo;
import io.karafka.job.internal.Pages;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link JobStore} in memory, with the full semantics of the real ones (dedup by id while a job
 * is held, a watermark per partition for {@link #enqueue(ConsumedJobs)}, leases that expire,
 * scheduled jobs and retries that fall due by the injected clock, a capped dead set), so the real
 * worker runtime can be tested on it. {@link #unavailable} simulates an outage. Thread-safe.
 */
public final class InMemoryJobStore implements JobStore, JobBrowser {
  private final Clock clock;
  private final Duration leaseTime;
  private final int deadMaxJobs;
  private final Duration deadTimeout;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Map<String, Deque<Job>> queues = new LinkedHashMap<>();
  private final PriorityQueue<Timed> timed = new PriorityQueue<>(
      Comparator.comparing(Timed::at).thenComparingLong(Timed::sequence));
  private final Map<String, Lease> leases = new HashMap<>();
  private final Deque<Timed> dead = new ArrayDeque<>();
  /** Ids of the jobs held (waiting, scheduled, running, retrying, dead). */
  private final Set<String> ids = new HashSet<>();
  /**
   * By job id, since when a job has been waiting in its queue (enqueued, or fallen due); kept
   * while it is leased, so that a job handed back keeps its time.
   */
  private final Map<String, Instant> waitingSince = new HashMap<>();
  /** Per group, topic and partition: the incarnation and the highest offset enqueued. */
  private final Map<Partition, Watermark> watermarks = new HashMap<>();
  private final InMemoryProcess process = new InMemoryProcess();
  private long sequence;
  private long processed;
  private long failed;
  private volatile boolean closed;
  private volatile boolean unavailable;

  /** A store with a 30 min lease, and 10,000 dead jobs kept 180 days. */
  public InMemoryJobStore(Clock clock) {
    this(clock, Duration.ofMinutes(30), 10_000, Duration.ofDays(180));
  }

  /**
   * @param clock time source for scheduling and leases
   * @param leaseTime how long a fetched job stays with its worker before it is given out again
   * @param deadMaxJobs dead jobs kept at most
   * @param deadTimeout how long dead jobs are kept
   */
  public InMemoryJobStore(Clock clock, Duration leaseTime, int deadMaxJobs,
                          Duration deadTimeout) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.leaseTime = Objects.requireNonNull(leaseTime, "leaseTime");
    this.deadMaxJobs = deadMaxJobs;
    this.deadTimeout = Objects.requireNonNull(deadTimeout, "deadTimeout");
  }

  /** While true, every operation throws {@link JobStoreUnavailableException}, as in an outage. */
  public void unavailable(boolean value) {
    this.unavailable = value;
  }

  @Override
  public void enqueue(List<Job> jobs) {
    withLock(() -> {
      add(jobs);
      return null;
    });
  }

  @Override
  public List<Long> enqueue(ConsumedJobs consumed) {
    if (!consumed.incarnationKnown()) {
      enqueue(consumed.jobs());
      return List.of();
    }
    return withLock(() -> {
      Partition partition = new Partition(consumed.group(), consumed.topic(),
          consumed.partition());
      Watermark mark = watermarks.get(partition);
      long upTo = mark != null && mark.topicId().equals(consumed.topicId()) ? mark.offset() : -1;
      add(consumed.jobsAfter(upTo));
      if (!consumed.jobs().isEmpty()) {
        watermarks.put(partition, new Watermark(consumed.topicId(),
            Math.max(upTo, consumed.lastOffset())));
      }
      return consumed.offsetsUpTo(upTo);
    });
  }

  /** Adds the jobs whose id is not held (lock held). */
  private void add(List<Job> jobs) {
    Instant now = clock.instant();
    for (Job job : jobs) {
      if (!ids.add(job.id())) {
        continue;
      }
      if (job.at().isPresent() && job.at().get().isAfter(now)) {
        timed.add(new Timed(job, job.at().get(), sequence++, false));
      } else {
        queue(job.queue()).addLast(job);
        waitingSince.put(job.id(), now);
      }
    }
    changed.signalAll();
  }

  /** @return how many group/topic/partition watermarks the store keeps */
  public int watermarks() {
    return withLock(watermarks::size);
  }

  @Override
  public List<Lease> fetch(List<String> queueNames, int max, Duration wait)
      throws InterruptedException {
    if (max < 1) {
      throw new IllegalArgumentException("max must be >= 1, was " + max);
    }
    long deadline = System.nanoTime() + wait.toNanos();
    lock.lockInterruptibly();
    try {
      process.fetching(clock.instant());
      while (true) {
        check();
        List<Lease> taken = take(queueNames, max);
        long left = deadline - System.nanoTime();
        if (!taken.isEmpty() || left <= 0) {
          return taken;
        }
        // wake up now and then: due jobs appear by the clock, not only by a signal
        changed.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(20)));
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void complete(Lease lease) {
    withLock(() -> {
      if (leases.remove(lease.token()) != null) {
        processed++;
        ids.remove(lease.job().id());
        waitingSince.remove(lease.job().id());
      }
      return null;
    });
  }

  @Override
  public void retry(Lease lease, Job failedJob, Instant at) {
    withLock(() -> {
      if (leases.remove(lease.token()) != null) {
        failed++;
        waitingSince.remove(failedJob.id());
        timed.add(new Timed(failedJob, at, sequence++, true));
        changed.signalAll();
      }
      return null;
    });
  }

  @Override
  public void kill(Lease lease, Job failedJob) {
    withLock(() -> {
      if (leases.remove(lease.token()) != null) {
        failed++;
        waitingSince.remove(failedJob.id());
        dead.addLast(new Timed(failedJob, clock.instant(), sequence++, true));
        pruneDead();
      }
      return null;
    });
  }

  @Override
  public void release(Lease lease) {
    withLock(() -> {
      if (leases.remove(lease.token()) != null) {
        queue(lease.job().queue()).addFirst(lease.job());
        changed.signalAll();
      }
      return null;
    });
  }

  @Override
  public String address() {
    return "in memory";
  }

  @Override
  public JobStoreStats stats() {
    return withLock(() -> {
      Map<String, Long> queued = new LinkedHashMap<>();
      Map<String, Instant> oldest = new LinkedHashMap<>();
      queues.forEach((name, jobs) -> {
        queued.put(name, (long) jobs.size());
        if (!jobs.isEmpty()) {
          oldest.put(name, waitingSince.get(jobs.peekFirst().id()));
        }
      });
      long retries = timed.stream().filter(Timed::retry).count();
      return new JobStoreStats(queued, leases.size(), timed.size() - retries, retries,
          dead.size(), processed, failed, oldest);
    });
  }

  /** @return the dead jobs, oldest first */
  public List<Job> dead() {
    return withLock(() -> dead.stream().map(Timed::job).toList());
  }

  /** @return failed jobs waiting for their retry, soonest first */
  public List<Job> retries() {
    return withLock(() -> timed.stream().filter(Timed::retry)
        .sorted(timed.comparator()).map(Timed::job).toList());
  }

  /** @return how many scheduled jobs and retries are due now (fetchable, not yet queued) */
  public long due() {
    return withLock(() -> {
      Instant now = clock.instant();
      return timed.stream().filter(t -> !t.at().isAfter(now)).count();
    });
  }

  /** @return the jobs waiting in a queue, head first */
  public List<Job> queued(String queue) {
    return withLock(() -> List.copyOf(queues.getOrDefault(queue, new ArrayDeque<>())));
  }

  @Override
  public List<Job> jobs(Section section, int offset, int limit) {
    Pages.check(offset, limit);
    return withLock(() -> entries(section).stream().skip(offset).limit(limit)
        .map(t -> section == Section.DEAD ? t.job() : t.job().scheduledAt(t.at())).toList());
  }

  @Override
  public long count(Section section) {
    return withLock(() -> (long) entries(section).size());
  }

  @Override
  public boolean runNow(Section section, String jobId) {
    return withLock(() -> {
      Timed found = removeEntry(section, jobId);
      if (found == null) {
        return false;
      }
      queue(found.job().queue()).addLast(found.job());
      waitingSince.put(jobId, clock.instant());
      changed.signalAll();
      return true;
    });
  }

  @Override
  public boolean delete(Section section, String jobId) {
    return withLock(() -> {
      Timed found = removeEntry(section, jobId);
      if (found != null) {
        ids.remove(jobId); // a re-consumed message is told by the watermark, not by its id
      }
      return found != null;
    });
  }

  /** Lists this process once it fetched, busy with the leases it holds (see InMemoryProcess). */
  @Override
  public List<ProcessInfo> processes() {
    return withLock(() -> process.list(leases.size(), clock.instant()));
  }

  /** @return the section's entries in its order (lock held) */
  private List<Timed> entries(JobBrowser.Section section) {
    return switch (section) {
      case SCHEDULED, RETRIES -> timed.stream()
          .filter(t -> t.retry() == (section == JobBrowser.Section.RETRIES))
          .sorted(timed.comparator()).toList();
      case DEAD -> dead.reversed().stream().toList();
    };
  }

  /** Removes and returns the section's entry of the job, if there is one (lock held). */
  private Timed removeEntry(JobBrowser.Section section, String jobId) {
    for (Timed t : entries(section)) {
      if (t.job().id().equals(jobId)) {
        if (section == JobBrowser.Section.DEAD) {
          dead.remove(t);
        } else {
          timed.remove(t);
        }
        return t;
      }
    }
    return null;
  }

  @Override
  public void close() {
    closed = true;
  }

  private List<Lease> take(List<String> queueNames, int max) {
    Instant now = clock.instant();
    while (!timed.isEmpty() && !timed.peek().at().isAfter(now)) {
      Timed due = timed.poll();
      queue(due.job().queue()).addLast(due.job());
      waitingSince.put(due.job().id(), due.at());
    }
    for (Iterator<Lease> it = leases.values().iterator(); it.hasNext(); ) {
      Lease lease = it.next();
      if (!lease.expiresAt().isAfter(now)) {
        it.remove();
        queue(lease.job().queue()).addFirst(lease.job());
      }
    }
    List<Lease> taken = new ArrayList<>();
    for (String name : queueNames) {
      Deque<Job> jobs = queues.get(name);
      while (jobs != null && !jobs.isEmpty() && taken.size() < max) {
        Lease lease = new Lease(jobs.pollFirst(), UUID.randomUUID().toString(),
            now.plus(leaseTime));
        leases.put(lease.token(), lease);
        taken.add(lease);
      }
    }
    return taken;
  }

  private void pruneDead() {
    Instant oldest = clock.instant().minus(deadTimeout);
    while (!dead.isEmpty() && (dead.size() > deadMaxJobs || dead.peekFirst().at().isBefore(oldest))) {
      String id = dead.pollFirst().job().id();
      ids.remove(id);
      waitingSince.remove(id);
    }
  }

  private Deque<Job> queue(String name) {
    return queues.computeIfAbsent(name, n -> new ArrayDeque<>());
  }

  private void check() {
    if (closed) {
      throw new JobStoreUnavailableException("in-memory job store is closed");
    }
    if (unavailable) {
      throw new JobStoreUnavailableException("in-memory job store is unavailable (simulated"
          + " outage)");
    }
  }

  private <T> T withLock(java.util.function.Supplier<T> action) {
    lock.lock();
    try {
      check();
      return action.get();
    } finally {
      lock.unlock();
    }
  }

  private record Timed(Job job, Instant at, long sequence, boolean retry) {}

  private record Partition(String group, String topic, int partition) {}

  private record Watermark(String topicId, long offset) {}
}
