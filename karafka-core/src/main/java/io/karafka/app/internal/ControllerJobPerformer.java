package io.karafka.app.internal;

import io.karafka.app.KarafkaApp;
import io.karafka.job.Job;
import io.karafka.job.JobPerformer;
import io.karafka.job.Worker;
import io.karafka.message.TraceContext;
import io.karafka.params.RawParams;
import io.karafka.producer.Producer;
import io.karafka.routing.Route;
import io.karafka.routing.RoutingException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Performs a job with the controller of the route named by the job's topic. Thread-safe. */
public final class ControllerJobPerformer implements JobPerformer {
  private final KarafkaApp app;
  private final ControllerRunner runner;

  /**
   * @param app whose routes perform the jobs
   * @param producer where their responses go
   */
  public ControllerJobPerformer(KarafkaApp app, Producer producer) {
    this.app = app;
    this.runner = new ControllerRunner(producer, app.monitor(), app.config().topicMapper());
  }

  @Override
  public void perform(Job job) throws Exception {
    invocation(job).perform();
  }

  @Override
  public CompletableFuture<Void> performAsync(Job job) throws Exception {
    return invocation(job).performAsync();
  }

  @Override
  public void afterFailure(Job job, Throwable error) {
    invocation(job).afterFailure(error);
  }

  private ControllerRunner.Invocation invocation(Job job) {
    Route route = app.route(job.topic()).orElseThrow(() -> new RoutingException(
        "job " + job.id() + " (" + job.worker() + ") is for topic '" + job.topic()
            + "', which has no route in app " + app.name()));
    List<RawParams> params = route.interchanger().decode(job.payload());
    Worker worker = new Worker(job.worker(), job.queue(), job.retry(), job.timeout());
    // the job's own trace context: the interchanger may not have kept the message's headers
    return runner.invoke(route, params, worker, job.trace().isPresent() ? job.trace()
        : TraceContext.from(params.getFirst().message().headers()));
  }
}
