package io.karafka.worker;

import io.karafka.app.JobSettings;
import io.karafka.app.KarafkaApp;
import io.karafka.app.internal.ControllerJobPerformer;
import io.karafka.job.Job;
import io.karafka.job.JobPerformer;
import io.karafka.job.JobStore;
import io.karafka.job.JobTimeoutException;
import io.karafka.job.Lease;
import io.karafka.monitor.Dependency;
import io.karafka.monitor.Event;
import io.karafka.monitor.Monitor;
import io.karafka.producer.Producer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The background worker process (the seed's {@code karafka worker}): N threads that fetch jobs
 * from a {@link JobStore} and perform them with the app's controllers, the one worker runtime
 * every job store plugs into.
 *
 * <ul>
 *   <li>Concurrency: {@code jobs.concurrency} threads, platform or virtual.</li>
 *   <li>Timeout: a run longer than the job's timeout is interrupted and counts as a failure
 *       ({@link JobTimeoutException}).</li>
 *   <li>Responses: a job is completed once Kafka acknowledged its responses, and its thread
 *       does not wait for that (up to 10 jobs per thread and prefetch, at least 100).</li>
 *   <li>Failure: {@code afterFailure} runs, then the job is retried after the retry policy's delay
 *       (Sidekiq's by default) while {@code retryCount < retry}, else it moves to the dead set.</li>
 *   <li>Store outages: fetching backs off (up to 5 s) and tries again; a completion, retry or
 *       dead move the store refuses is kept and written again until it takes it (no new job is
 *       fetched meanwhile), so a performed job never runs again because its acknowledgement
 *       failed. The outage and the recovery are told once each (dependency
 *       {@code "job store (worker)"}).</li>
 *   <li>{@link #close()}: stops fetching, waits up to {@code jobs.shutdownTimeout} for running
 *       jobs, then interrupts the rest and hands their jobs back to their queues; tells the
 *       monitor what it finished and handed back ({@code WorkerStopped}).</li>
 * </ul>
 *
 * <pre>{@code
 * try (KarafkaWorker worker = KarafkaWorker.builder(app, jobStore, producer).build()) {
 *   worker.start();
 *   worker.awaitShutdown();
 * }
 * }</pre>
 *
 * Thread-safe.
 */
public final class KarafkaWorker implements AutoCloseable {
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
  /** How long a fetch waits for new jobs while others wait for Kafka's acknowledgement. */
  private static final Duration SETTLE_CHECK = Duration.ofMillis(10);

  private final JobStore store;
  private final JobPerformer performer;
  private final Monitor monitor;
  private final JobSettings settings;
  private final QueueOrder order;
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Map<String, Running> inFlight = new ConcurrentHashMap<>();
  private final List<Thread> threads = new ArrayList<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Dependency storeState;
  private final Acknowledgements acks;
  private final Awaiting awaiting;
  private final Outcomes outcomes;
  private final List<AutoCloseable> owned;
  private ScheduledExecutorService watchdog;

  private KarafkaWorker(Builder b) {
    this.store = b.store;
    this.performer = b.performer;
    this.monitor = b.app.monitor();
    this.settings = b.settings;
    this.order = new QueueOrder(settings.queueNames(), settings.weighted()
        ? settings.queueWeights() : null);
    this.storeState = b.app.dependencies().track("job store (worker)", store.address(),
        "no job is fetched; finished jobs are acknowledged when it is back");
    this.acks = new Acknowledgements(store, storeState);
    this.outcomes = new Outcomes(performer, monitor, b.app.config().clock(),
        settings.retryPolicy(), acks, running);
    this.awaiting = new Awaiting(Math.max(100, settings.concurrency() * settings.prefetch() * 10));
    this.owned = List.copyOf(b.owned);
  }

  /**
   * @param app whose controllers perform the jobs
   * @param store where jobs wait
   * @param producer where the jobs' responses go
   * @return a builder, with the app's {@code jobs} settings as defaults
   */
  public static Builder builder(KarafkaApp app, JobStore store, Producer producer) {
    return new Builder(app, store, new ControllerJobPerformer(app,
        Objects.requireNonNull(producer, "producer")));
  }

  /** Starts the worker threads. */
  public synchronized void start() {
    if (!running.compareAndSet(false, true) || closed.get()) {
      throw new IllegalStateException("worker already started or closed");
    }
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "karafka-worker-timeouts");
      t.setDaemon(true);
      return t;
    });
    timer.setRemoveOnCancelPolicy(true);
    watchdog = timer;
    Thread.Builder builder = settings.virtualThreads()
        ? Thread.ofVirtual().name("karafka-worker-", 1)
        : Thread.ofPlatform().name("karafka-worker-", 1);
    for (int i = 0; i < settings.concurrency(); i++) {
      threads.add(builder.start(this::loop));
    }
  }

  /** @return how many jobs are running now */
  public int running() {
    return inFlight.size();
  }

  /** @return its threads' state now, for health checks */
  public WorkerStatus status() {
    int stuck = (int) inFlight.values().stream().filter(r -> r.timedOut).count();
    List<Thread> started;
    synchronized (this) {
      started = List.copyOf(threads);
    }
    int alive = (int) started.stream().filter(Thread::isAlive).count();
    return new WorkerStatus(running.get() && !closed.get(), settings.concurrency(), alive,
        inFlight.size(), stuck);
  }

  /** Blocks until {@link #close()} has finished. */
  public void awaitShutdown() throws InterruptedException {
    stopped.await();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    running.set(false);
    try {
      long deadline = System.nanoTime() + settings.shutdownTimeout().toNanos();
      joinAll(deadline);
      if (!inFlight.isEmpty()) {
        for (Running r : inFlight.values()) {
          r.abandoned = true;
          r.thread.interrupt();
        }
        joinAll(System.nanoTime() + TimeUnit.SECONDS.toNanos(1));
        for (Running r : inFlight.values()) {
          outcomes.release(r.lease);
        }
      }
      outcomes.settleAfterStop(awaiting, deadline);
      // what the store refused stays in its working list if it never comes back: say so
      acks.flushUntil(System.nanoTime() + settings.shutdownTimeout().toNanos());
      monitor.notice(new Event.WorkerStopped(outcomes.finishedAfterStop(), outcomes.handedBack(),
          acks.size()));
    } finally {
      if (watchdog != null) {
        watchdog.shutdownNow();
      }
      for (AutoCloseable resource : owned) {
        try {
          resource.close();
        } catch (Exception e) {
          monitor.notice(new Event.ErrorOccurred("worker, closing " + resource, e));
        }
      }
      stopped.countDown();
    }
  }

  private void joinAll(long deadlineNanos) {
    for (Thread thread : threads) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        return;
      }
      try {
        thread.join(Duration.ofNanos(left));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void loop() {
    Duration backoff = Duration.ofMillis(100);
    List<Lease> next = List.of();
    while (running.get()) {
      if (next.isEmpty() && !acks.flush()) {
        backoff = pause(backoff); // the store refuses acknowledgements: fetch nothing new
        continue;
      }
      if (next.isEmpty() && awaiting.full()) {
        awaiting.awaitSettled(10); // enough jobs wait for Kafka: finish those first
        next = finish(outcomes.settle(awaiting, new ArrayList<>()));
        continue;
      }
      List<Lease> leases;
      try {
        if (next.isEmpty()) {
          // while jobs wait for Kafka's acknowledgement, come back soon to complete them
          leases = store.fetch(order.next(), settings.prefetch(), awaiting.size() == 0
              ? settings.pollInterval() : SETTLE_CHECK);
          storeState.succeeded();
        } else {
          leases = next;
        }
        next = List.of();
        backoff = Duration.ofMillis(100);
      } catch (InterruptedException e) {
        continue;
      } catch (RuntimeException e) {
        storeState.failed(e);
        backoff = pause(backoff);
        continue;
      }
      List<Lease> done = new ArrayList<>(leases.size());
      for (Lease lease : leases) {
        if (!running.get()) {
          outcomes.release(lease);
        } else if (run(lease)) {
          done.add(lease);
        }
      }
      next = finish(outcomes.settle(awaiting, done));
    }
    next.forEach(outcomes::release);
  }

  /** Sleeps for {@code backoff}; @return the next, doubled up to 5 s */
  private static Duration pause(Duration backoff) {
    try {
      Thread.sleep(backoff);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Duration doubled = backoff.multipliedBy(2);
    return doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
  }

  /**
   * Completes the jobs that succeeded; while running, takes the next ones in the same call. A
   * completion the store refuses is kept and written again later (completing twice is a no-op).
   */
  private List<Lease> finish(List<Lease> done) {
    if (done.isEmpty()) {
      return List.of();
    }
    if (!running.get()) {
      outcomes.finishedAfterStop(done.size());
    }
    List<Acknowledgements.Complete> completions = done.stream()
        .map(Acknowledgements.Complete::new).toList();
    if (!acks.isEmpty()) {
      acks.keep(completions);
      return List.of();
    }
    try {
      List<Lease> next;
      if (running.get()) {
        next = store.completeAllAndFetch(done, order.next(), settings.prefetch());
      } else {
        store.completeAll(done);
        next = List.of();
      }
      storeState.succeeded();
      return next;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      acks.keep(completions); // whether they were written is unknown: write them again
    } catch (RuntimeException e) {
      storeState.failed(e);
      acks.keep(completions);
    }
    return List.of();
  }

  /**
   * Performs a job; a failure is retried or killed at once, an abandoned job released.
   *
   * @return true when it succeeded (its completion is up to the caller, batched)
   */
  private boolean run(Lease lease) {
    Job job = lease.job();
    Running current = new Running(Thread.currentThread(), lease);
    inFlight.put(lease.token(), current);
    try {
      long start = System.nanoTime();
      Throwable error = current.perform(performer, watchdog);
      if (error == null && !current.responses.isDone() && !current.abandoned) {
        awaiting.add(lease, current.responses, start); // completed once Kafka acknowledged
        return false;
      }
      if (error == null && current.responses.isCompletedExceptionally()) {
        error = current.responses.exceptionNow();
      }
      if (error == null) {
        monitor.notice(new Event.JobPerformed(job, Duration.ofNanos(System.nanoTime() - start)));
      }
      if (current.abandoned) {
        outcomes.release(lease);
      } else if (error == null) {
        return true;
      } else {
        outcomes.fail(lease, error);
      }
    } catch (RuntimeException e) {
      monitor.notice(new Event.ErrorOccurred("worker, finishing job " + job.id(), e));
    } finally {
      inFlight.remove(lease.token());
      Thread.interrupted();
    }
    return false;
  }

  /** Configures a worker; defaults come from the app's {@code jobs} settings. */
  public static final class Builder {
    private final KarafkaApp app;
    private final JobStore store;
    private JobPerformer performer;
    private JobSettings settings;
    private final List<AutoCloseable> owned = new ArrayList<>();

    private Builder(KarafkaApp app, JobStore store, JobPerformer performer) {
      this.app = Objects.requireNonNull(app, "app");
      this.store = Objects.requireNonNull(store, "store");
      this.performer = performer;
      this.settings = app.config().jobs();
    }

    /** Overrides the app's job settings (concurrency, queues, timeouts...). @return this */
    public Builder settings(JobSettings value) {
      this.settings = Objects.requireNonNull(value, "settings");
      return this;
    }

    /** Replaces what performs jobs (by default the app's controllers). @return this */
    public Builder performer(JobPerformer value) {
      this.performer = Objects.requireNonNull(value, "performer");
      return this;
    }

    /**
     * What the worker owns and closes, in this order, once it stopped: typically its job store
     * and producer, so that a clean stop also leaves the store's process list (Sidekiq's
     * {@code processes} on Redis) instead of lingering there until its heartbeat expires.
     * @return this
     */
    public Builder closing(AutoCloseable... resources) {
      for (AutoCloseable resource : resources) {
        owned.add(Objects.requireNonNull(resource, "resource"));
      }
      return this;
    }

    /** @return the worker, not started */
    public KarafkaWorker build() {
      return new KarafkaWorker(this);
    }
  }
}
