package io.karafka.examples.wiring;

import io.karafka.app.KarafkaApp;
import io.karafka.job.JobStore;
import io.karafka.monitor.Event;
import io.karafka.monitor.LoggingMonitor;
import io.karafka.monitor.Monitor;
import io.karafka.producer.Producer;
import io.karafka.worker.KarafkaWorker;

/** A worker process: fetch jobs from a store and perform them with the app's controllers. */
public final class WorkerWiring {
  private WorkerWiring() {}

  /** @return a monitor that logs and also counts dead jobs (an error tracker would go here) */
  public static Monitor monitor(java.util.concurrent.atomic.LongAdder deadJobs) {
    return Monitor.combine(new LoggingMonitor(), event -> {
      if (event instanceof Event.JobDead) {
        deadJobs.increment();
      }
    });
  }

  /** Runs until the JVM is asked to stop, then hands unfinished jobs back to the store. */
  public static void run(KarafkaApp app, JobStore store, Producer producer)
      throws InterruptedException {
    KarafkaWorker worker = KarafkaWorker.builder(app, store, producer).build();
    Runtime.getRuntime().addShutdownHook(new Thread(worker::close));
    worker.start();
    worker.awaitShutdown();
  }
}
