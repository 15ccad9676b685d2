package io.karafka.app.internal;

import io.karafka.app.KarafkaApp;
import io.karafka.job.Job;
import io.karafka.job.JobPerformer;
import io.karafka.job.Worker;
import io.karafka.params.RawParams;
import io.karafka.producer.Producer;
import io.karafka.routing.Route;
import io.karafka.routing.RoutingException;
import java.util.List;

/** Performs a job with the controller of the route named by the job's topic. */
public final class ControllerJobPerformer implements JobPerformer {
  private final ControllerRunner runner;

  public ControllerJobPerformer(KarafkaApp app, Producer producer) {
    this.runner = new ControllerRunner(app, producer);
  }

  @Override
  public void perform(Job job) throws Exception {
    invocation(job).perform();
  }

  @Override
  public void afterFailure(Job job, Throwable error) {
    invocation(job).afterFailure(error);
  }

  private ControllerRunner.Invocation invocation(Job job) {
    Route route = runner.app().route(job.topic()).orElseThrow(() -> new RoutingException(
        "job " + job.id() + " (" + job.worker() + ") is for topic '" + job.topic()
            + "', which has no route in app " + runner.app().name()));
    List<RawParams> params = route.interchanger().decode(job.payload());
    Worker worker = new Worker(job.worker(), job.queue(), job.retry(), job.timeout());
    return runner.invoke(route, params, worker);
  }
}
