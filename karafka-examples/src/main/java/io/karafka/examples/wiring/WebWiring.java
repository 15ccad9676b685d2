package io.karafka.examples.wiring;

import io.karafka.app.KarafkaApp;
import io.karafka.job.JobStore;
import io.karafka.producer.Producer;
import io.karafka.web.JobsWeb;

/** The job queue's web UI, in the worker process or a process of its own. */
public final class WebWiring {
  private WebWiring() {}

  /**
   * @param store the app's job store (Redis, JDBC): the UI lists its retries and dead jobs too
   * @param port where to listen on 127.0.0.1 (put a TLS proxy in front to reach it from afar)
   * @return the UI, not started; the password comes from JOBS_WEB_PASSWORD
   */
  public static JobsWeb web(KarafkaApp app, JobStore store, int port) {
    return JobsWeb.builder(store)
        .title(app.name())
        .bind("127.0.0.1", port)
        .credentials("admin", System.getenv("JOBS_WEB_PASSWORD"))
        .dependencies(app.dependencies())   // store outages it sees go to the app's monitor
        .build();
  }

  /** Serves the UI while the worker runs; both stop on SIGTERM or Ctrl-C. */
  public static void runWithWorker(KarafkaApp app, JobStore store, JobsWeb web,
                                   Producer producer)
      throws InterruptedException {
    try (JobsWeb running = web.start()) {
      System.out.println("job queue UI at " + running.url());
      WorkerWiring.run(app, store, producer);
    }
  }
}
