package io.karafka.cli;

import io.karafka.app.JobSettings;
import io.karafka.app.KarafkaApp;
import io.karafka.worker.KarafkaWorker;

/**
 * Builds the worker the {@code worker} command runs: the application's job store and producer.
 *
 * <pre>{@code
 * WorkerLauncher worker = (app, jobs) -> KarafkaWorker.builder(app, store, producer)
 *     .settings(jobs).build();
 * }</pre>
 */
@FunctionalInterface
public interface WorkerLauncher {
  /**
   * @param app the app
   * @param jobs the app's job settings with the command line's {@code --concurrency},
   *     {@code --queues} and {@code --virtual-threads} applied
   * @return a worker, not started
   */
  KarafkaWorker launch(KarafkaApp app, JobSettings jobs) throws Exception;
}
