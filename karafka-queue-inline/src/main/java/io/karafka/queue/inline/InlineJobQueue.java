package io.karafka.queue.inline;

import io.karafka.app.KarafkaApp;
import io.karafka.app.internal.ControllerJobPerformer;
import io.karafka.job.Job;
import io.karafka.job.JobPerformer;
import io.karafka.job.JobQueue;
import io.karafka.monitor.Event;
import io.karafka.monitor.Monitor;
import io.karafka.producer.Producer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A job queue that performs each job at once, on the consumer's thread, in order: background
 * routes behave as inline ones with no job store to run (handy in development and tests, and for
 * apps that want callbacks and workers without Redis or a database).
 *
 * <p>When a perform fails, the controller's {@code afterFailure} runs and {@link #enqueue} throws,
 * so the consumer does not commit that message and delivers it again (its own retry and
 * dead-letter policy apply). The jobs before it in the same call stay performed. There are no
 * job-level retries or timeouts here: those need a job store and {@code KarafkaWorker}.
 *
 * <pre>{@code
 * KarafkaServer.builder(app).source(source).producer(producer)
 *     .jobQueue(new InlineJobQueue(app, producer))
 *     .build();
 * }</pre>
 *
 * Thread-safe: concurrent calls (different partitions) perform concurrently.
 */
public final class InlineJobQueue implements JobQueue {
  private final JobPerformer performer;
  private final Monitor monitor;

  /**
   * @param app whose controllers perform the jobs
   * @param producer where their responses go
   */
  public InlineJobQueue(KarafkaApp app, Producer producer) {
    this(new ControllerJobPerformer(app, Objects.requireNonNull(producer, "producer")),
        app.monitor());
  }

  /**
   * @param performer what performs each job
   * @param monitor where job events go
   */
  public InlineJobQueue(JobPerformer performer, Monitor monitor) {
    this.performer = Objects.requireNonNull(performer, "performer");
    this.monitor = Objects.requireNonNull(monitor, "monitor");
  }

  @Override
  public void enqueue(List<Job> jobs) {
    for (Job job : jobs) {
      long start = System.nanoTime();
      try {
        performer.perform(job);
      } catch (Exception e) {
        try {
          performer.afterFailure(job, e);
        } catch (RuntimeException afterFailure) {
          e.addSuppressed(afterFailure);
        }
        monitor.notice(new Event.JobFailed(job, e));
        throw new InlineJobException("inline job " + job.id() + " (" + job.worker() + ", topic '"
            + job.topic() + "') failed: " + e, e);
      }
      monitor.notice(new Event.JobPerformed(job, Duration.ofNanos(System.nanoTime() - start)));
    }
  }
}
