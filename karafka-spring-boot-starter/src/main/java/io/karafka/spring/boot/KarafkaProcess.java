package io.karafka.spring.boot;

import io.karafka.app.KarafkaApp;
import io.karafka.health.Health;
import io.karafka.health.HealthServer;
import io.karafka.server.KarafkaServer;
import io.karafka.worker.KarafkaWorker;
import java.util.Objects;
import java.util.Optional;
import org.springframework.context.SmartLifecycle;

/**
 * This process's Karafka runtimes, started and stopped with the application context: the server
 * (consumes, unless {@code karafka.server.enabled} is false) and the worker (performs background
 * jobs, when a job store is configured and {@code karafka.worker.enabled} is not false).
 *
 * <p>{@link #start()} starts them and returns at once (consumer and worker threads run in the
 * background). {@link #stop()} closes both at the same time and returns when both have finished,
 * as on SIGTERM with the command line: the server stops polling, finishes the work in flight and
 * commits (up to {@code karafka.kafka.shutdown-timeout}); the worker stops fetching, waits for
 * running jobs (up to {@code karafka.jobs.shutdown-timeout}) and hands the rest back to their
 * queues. Only then does the context close the job store and the producers. Its phase is
 * {@code DEFAULT_PHASE - 100}: it starts after, and stops before, the lifecycle beans of the
 * default phase.
 *
 * <p>Thread-safe.
 */
public final class KarafkaProcess implements SmartLifecycle {
  private final KarafkaApp app;
  private final Optional<KarafkaServer> server;
  private final Optional<KarafkaWorker> worker;
  private final Health health;
  private HealthServer http;
  private boolean running;

  /**
   * @param app the app
   * @param server the server, when this process consumes
   * @param worker the worker, when this process performs background jobs
   */
  public KarafkaProcess(KarafkaApp app, Optional<KarafkaServer> server,
                        Optional<KarafkaWorker> worker) {
    this.app = Objects.requireNonNull(app, "app");
    this.server = Objects.requireNonNull(server, "server");
    this.worker = Objects.requireNonNull(worker, "worker");
    Health h = Health.of(app);
    h = server.map(h::server).orElse(h);
    this.health = worker.map(h::worker).orElse(h);
  }

  /** @return the server, when this process consumes */
  public Optional<KarafkaServer> server() {
    return server;
  }

  /** @return the worker, when this process performs background jobs */
  public Optional<KarafkaWorker> worker() {
    return worker;
  }

  /** @return the health of this process: its server, its worker and the app's dependencies */
  public Health health() {
    return health;
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    int port = app.config().healthPort();
    if (port > 0) {
      http = HealthServer.start(health, port);
    }
    server.ifPresent(KarafkaServer::start);
    worker.ifPresent(KarafkaWorker::start);
    running = true;
  }

  @Override
  public synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    // both at once: the server's commit and the worker's hand-back do not wait for each other
    Thread workerStop = worker.map(w -> Thread.ofPlatform().name("karafka-worker-stop")
        .start(w::close)).orElse(null);
    try {
      server.ifPresent(KarafkaServer::close);
    } finally {
      join(workerStop);
      if (http != null) {
        http.close();
        http = null;
      }
    }
  }

  private static void join(Thread thread) {
    if (thread == null) {
      return;
    }
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true; // the worker still hands its jobs back; wait for it
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return DEFAULT_PHASE - 100;
  }

  @Override
  public String toString() {
    return "KarafkaProcess[" + app.name() + ", server " + (server.isPresent() ? "on" : "off")
        + ", worker " + (worker.isPresent() ? "on" : "off") + "]";
  }
}
