package io.karafka.worker;

import io.karafka.job.Job;
import io.karafka.job.JobPerformer;
import io.karafka.job.JobTimeoutException;
import io.karafka.job.Lease;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One job a worker thread performs: its lease, its thread, and whether it ran past its timeout
 * (the watchdog interrupts it) or was abandoned by a stop that could not wait for it.
 */
final class Running {
  final Thread thread;
  final Lease lease;
  volatile boolean timedOut;
  volatile boolean abandoned;
  /** What completes when the job's responses are acknowledged; set by {@link #perform}. */
  CompletableFuture<Void> responses = CompletableFuture.completedFuture(null);

  Running(Thread thread, Lease lease) {
    this.thread = thread;
    this.lease = lease;
  }

  /**
   * Performs the job on this thread, interrupted by the watchdog past the job's timeout; its
   * responses are sent meanwhile and {@link #responses} completes once Kafka acknowledged them.
   *
   * @return what it threw, a {@link JobTimeoutException} when it ran too long, or null
   */
  Throwable perform(JobPerformer performer, ScheduledExecutorService watchdog) {
    Job job = lease.job();
    Optional<Duration> timeout = job.timeout();
    ScheduledFuture<?> timer = timeout.map(t -> watchdog.schedule(() -> {
      timedOut = true;
      thread.interrupt();
    }, t.toNanos(), TimeUnit.NANOSECONDS)).orElse(null);
    Throwable error = null;
    try {
      responses = performer.performAsync(job);
    } catch (Throwable e) {
      if (e instanceof VirtualMachineError fatal) {
        throw fatal;
      }
      error = e;
    } finally {
      if (timer != null) {
        timer.cancel(false);
      }
    }
    if (timedOut && !abandoned) {
      JobTimeoutException late = new JobTimeoutException("job " + job.id() + " ("
          + job.worker() + ") ran longer than its timeout of " + timeout.orElseThrow());
      if (error != null) {
        late.addSuppressed(error);
      }
      error = late;
    }
    return error;
  }
}
