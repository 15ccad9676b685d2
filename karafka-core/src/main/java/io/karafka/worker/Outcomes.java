package io.karafka.worker;

import io.karafka.job.Job;
import io.karafka.job.JobError;
import io.karafka.job.JobPerformer;
import io.karafka.job.Lease;
import io.karafka.job.RetryPolicy;
import io.karafka.monitor.Event;
import io.karafka.monitor.Monitor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What becomes of a job that did not succeed: a failure runs {@code afterFailure} and is retried
 * after the retry policy's delay or moved to the dead set; a job the worker cannot finish is
 * handed back to its queue. Counts what ended and what was handed back once the stop began, for
 * {@code WorkerStopped}. Thread-safe.
 */
final class Outcomes {
  private final JobPerformer performer;
  private final Monitor monitor;
  private final Clock clock;
  private final RetryPolicy retryPolicy;
  private final Acknowledgements acks;
  private final AtomicBoolean running;
  private final AtomicInteger finishedAfterStop = new AtomicInteger();
  private final Map<String, AtomicInteger> handedBack = new ConcurrentHashMap<>();

  Outcomes(JobPerformer performer, Monitor monitor, Clock clock, RetryPolicy retryPolicy,
           Acknowledgements acks, AtomicBoolean running) {
    this.performer = performer;
    this.monitor = monitor;
    this.clock = clock;
    this.retryPolicy = retryPolicy;
    this.acks = acks;
    this.running = running;
  }

  /**
   * Takes the jobs whose responses Kafka answered meanwhile: acknowledged ones join
   * {@code done}, refused ones fail (afterFailure, retry or dead).
   *
   * @return {@code done}
   */
  List<Lease> settle(Awaiting awaiting, List<Lease> done) {
    for (Awaiting.Settled s : awaiting.take()) {
      if (s.error() == null) {
        monitor.notice(new Event.JobPerformed(s.lease().job(),
            Duration.ofNanos(System.nanoTime() - s.startNanos())));
        done.add(s.lease());
      } else {
        fail(s.lease(), s.error());
      }
    }
    return done;
  }

  /** After a stop: waits for Kafka's answers until the deadline, then hands back the rest. */
  void settleAfterStop(Awaiting awaiting, long deadlineNanos) {
    while (awaiting.size() > 0 && System.nanoTime() < deadlineNanos) {
      awaiting.awaitSettled(10);
      List<Lease> done = settle(awaiting, new ArrayList<>());
      finishedAfterStop(done.size());
      acks.keep(done.stream().map(Acknowledgements.Complete::new).toList());
    }
    awaiting.unsettled().forEach(this::release);
  }

  /** A perform failed (or its responses were refused): afterFailure, then retry or dead. */
  void fail(Lease lease, Throwable error) {
    Job job = lease.job();
    Thread.interrupted();
    try {
      performer.afterFailure(job, error);
    } catch (Throwable e) {
      if (e instanceof VirtualMachineError fatal) {
        throw fatal;
      }
      monitor.notice(new Event.ErrorOccurred("afterFailure of job " + job.id(), e));
    }
    monitor.notice(new Event.JobFailed(job, error));
    Instant now = clock.instant();
    JobError failure = JobError.of(error, now, job.error().orElse(null));
    if (job.retryCount() < job.retry()) {
      Job retried = job.failed(failure, true);
      Instant at = now.plus(retryPolicy.delay(job.retryCount()));
      acks.end(new Acknowledgements.Retry(lease, retried, at));
      monitor.notice(new Event.JobRetried(retried, at));
    } else {
      Job dead = job.failed(failure, false);
      acks.end(new Acknowledgements.Kill(lease, dead));
      monitor.notice(new Event.JobDead(dead));
    }
    if (!running.get()) {
      finishedAfterStop.incrementAndGet();
    }
  }

  /** Hands a job back to its queue: it runs again. */
  void release(Lease lease) {
    handedBack.computeIfAbsent(lease.job().queue(), q -> new AtomicInteger()).incrementAndGet();
    acks.end(new Acknowledgements.Release(lease));
  }

  /** Counts jobs completed since the stop began. */
  void finishedAfterStop(int count) {
    finishedAfterStop.addAndGet(count);
  }

  /** @return jobs ended (done, retried, dead) since the stop began */
  int finishedAfterStop() {
    return finishedAfterStop.get();
  }

  /** @return jobs handed back since the start, by queue, sorted */
  Map<String, Integer> handedBack() {
    Map<String, Integer> back = new TreeMap<>();
    handedBack.forEach((queue, n) -> back.put(queue, n.get()));
    return back;
  }
}
