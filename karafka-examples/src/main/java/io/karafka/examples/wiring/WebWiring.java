package io.karafka.examples.wiring;

import io.karafka.app.KarafkaApp;
import io.karafka.consumer.ConsumerGroups;
import io.karafka.job.JobStore;
import io.karafka.kafka.KafkaConsumerGroups;
import io.karafka.monitor.LoggingMonitor;
import io.karafka.monitor.Monitor;
import io.karafka.producer.Producer;
import io.karafka.web.JobsWeb;
import io.karafka.web.RecentErrors;

/** The job queue's web UI, in the worker process or a process of its own. */
public final class WebWiring {
  private WebWiring() {}

  /** @return the app's monitor (setup's .monitor(..)): logs, and keeps the last 100 errors */
  public static Monitor monitor() {
    return Monitor.combine(new LoggingMonitor(), new RecentErrors());
  }

  /**
   * @param store the app's job store (Redis, JDBC): the UI lists its retries and dead jobs too
   * @param groups asks Kafka for the app's consumer groups (lag, members)
   * @param port where to listen on 127.0.0.1 (put a TLS proxy in front to reach it from afar)
   * @return the UI, not started; the password comes from JOBS_WEB_PASSWORD
   */
  public static JobsWeb web(KarafkaApp app, JobStore store, ConsumerGroups groups, int port) {
    JobsWeb.Builder web = JobsWeb.builder(store)
        .title(app.name())
        .bind("127.0.0.1", port)
        .credentials("admin", System.getenv("JOBS_WEB_PASSWORD"))
        .dependencies(app.dependencies())  // store and Kafka outages go to the app's monitor
        .consumers(groups, app);           // /consumers: lag per partition of the app's groups
    app.monitor().find(RecentErrors.class).ifPresent(web::recentErrors); // this process's errors
    return web.build();
  }

  /** Serves the UI while the worker runs; both stop on SIGTERM or Ctrl-C. */
  public static void runWithWorker(KarafkaApp app, JobStore store, Producer producer, int port)
      throws InterruptedException {
    try (KafkaConsumerGroups groups = new KafkaConsumerGroups(app);
         JobsWeb running = web(app, store, groups, port).start()) {
      System.out.println("job queue UI at " + running.url());
      WorkerWiring.run(app, store, producer);
    }
  }
}
