package io.karafka.micrometer;

import io.karafka.job.Job;
import io.karafka.monitor.Event;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** The meters of background jobs: enqueued, performed, failed, retried, dead, recovered. */
final class JobMeters {
  private final Supplier<Clock> clock;
  private final MeterCache<JobKey, WorkerMeters> workers;
  private final MeterCache<FailureKey, Counter> failures;
  private final MeterCache<String, Counter> recovered;
  private final MeterCache<String, Counter> handedBack;
  private final Counter unacknowledged;

  /** @param clock the time that job latencies are measured on (the app's, once bound) */
  JobMeters(MeterRegistry registry, Supplier<Clock> clock) {
    this.clock = clock;
    workers = new MeterCache<>(key -> new WorkerMeters(registry, Tags.of("queue", key.queue(),
        "worker", key.worker())));
    failures = new MeterCache<>(key -> Counter.builder("karafka.jobs.failed")
        .description("job runs that failed (timeouts included)")
        .tags("queue", key.job().queue(), "worker", key.job().worker(), "error", key.error())
        .register(registry));
    recovered = new MeterCache<>(store -> Counter.builder("karafka.jobs.recovered")
        .description("jobs of dead worker processes given back to their queues")
        .tag("store", store).register(registry));
    handedBack = new MeterCache<>(queue -> Counter.builder("karafka.jobs.handed.back")
        .description("jobs a stopping worker put back unstarted").tag("queue", queue)
        .register(registry));
    unacknowledged = Counter.builder("karafka.jobs.unacknowledged")
        .description("jobs a stopping worker finished but could not acknowledge (they run"
            + " again)").register(registry);
  }

  void enqueued(Event.JobsEnqueued e) {
    for (Job job : e.jobs()) {
      of(job).enqueued.increment();
    }
  }

  /**
   * Counts and times the run; for a first run, also how long the job waited to start: from its
   * creation (or its scheduled time) to the start of the run, now minus how long it took.
   */
  void performed(Event.JobPerformed e) {
    WorkerMeters meters = of(e.job());
    meters.performed.increment();
    meters.duration.record(e.took());
    if (e.job().retryCount() == 0) {
      Instant since = e.job().at().filter(at -> at.isAfter(e.job().createdAt()))
          .orElse(e.job().createdAt());
      Duration waited = Duration.between(since, clock.get().instant().minus(e.took()));
      if (!waited.isNegative()) {
        meters.latency.record(waited);
      }
    }
  }

  void failed(Event.JobFailed e) {
    failures.get(new FailureKey(new JobKey(e.job().queue(), e.job().worker()),
        e.error().getClass().getName())).increment();
  }

  void retried(Event.JobRetried e) {
    of(e.job()).retried.increment();
  }

  void dead(Event.JobDead e) {
    of(e.job()).dead.increment();
  }

  void recovered(Event.JobsRecovered e) {
    recovered.get(e.store()).increment(e.count());
  }

  void workerStopped(Event.WorkerStopped e) {
    e.handedBack().forEach((queue, count) -> handedBack.get(queue).increment(count));
    unacknowledged.increment(e.unacknowledged());
  }

  private WorkerMeters of(Job job) {
    return workers.get(new JobKey(job.queue(), job.worker()));
  }

  /** A worker's jobs on a queue. */
  private record JobKey(String queue, String worker) {}

  /** A worker's failures of one error class. */
  private record FailureKey(JobKey job, String error) {}

  /** The meters of a worker's jobs on a queue. */
  private static final class WorkerMeters {
    final Counter enqueued;
    final Counter performed;
    final Timer duration;
    final Timer latency;
    final Counter retried;
    final Counter dead;

    WorkerMeters(MeterRegistry registry, Tags tags) {
      enqueued = Counter.builder("karafka.jobs.enqueued").tags(tags)
          .description("jobs accepted by the job queue").register(registry);
      performed = Counter.builder("karafka.jobs.performed").tags(tags)
          .description("job runs that finished").register(registry);
      duration = Timer.builder("karafka.jobs.duration").tags(tags)
          .description("how long a job's perform ran").register(registry);
      latency = Timer.builder("karafka.jobs.latency").tags(tags)
          .description("from a job's creation (or scheduled time) to the start of its first run")
          .register(registry);
      retried = Counter.builder("karafka.jobs.retried").tags(tags)
          .description("failed jobs scheduled to run again").register(registry);
      dead = Counter.builder("karafka.jobs.dead").tags(tags)
          .description("jobs that used up their retries").register(registry);
    }
  }
}
