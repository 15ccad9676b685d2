package io.karafka.queue.jdbc;

import io.karafka.app.JobSettings;
import io.karafka.app.KarafkaApp;
import io.karafka.controller.Controller;
import io.karafka.json.JsonInterchanger;
import io.karafka.json.JsonParser;
import io.karafka.job.RetryPolicy;
import io.karafka.monitor.Monitor;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A small app for worker tests: topic {@code jobs} routed to {@link JobsController}, JSON parser
 * and interchanger, two retries ten seconds apart.
 */
final class TestApp {
  private TestApp() {}

  /** The app, for tests that perform its jobs with their own performer: no one reads its log. */
  static KarafkaApp build(Clock clock, Monitor monitor) {
    return build(clock, monitor, new ConcurrentLinkedQueue<>());
  }

  /**
   * @param log what the controllers saw, in order: {@code perform <value>},
   *     {@code afterFailure <error>}; thread-safe
   */
  static KarafkaApp build(Clock clock, Monitor monitor, Queue<String> log) {
    return KarafkaApp.builder()
        .setup(config -> config.name("jdbc_test_app").clock(clock).monitor(monitor)
            .parser(new JsonParser()).interchanger(new JsonInterchanger())
            .jobs(jobs -> jobs.retry(2).retryPolicy(RetryPolicy.fixed(Duration.ofSeconds(10)))
                .pollInterval(Duration.ofMillis(20)).shutdownTimeout(Duration.ofSeconds(2))))
        .routes(routes -> routes.topic("jobs").controller(() -> new JobsController(log)))
        .build();
  }

  /** The app's job settings with another concurrency. */
  static JobSettings jobs(KarafkaApp app, int concurrency) {
    JobSettings d = app.config().jobs();
    return new JobSettings(concurrency, false, List.of("default"), d.retry(), d.retryPolicy(),
        d.timeout(), d.shutdownTimeout(), d.pollInterval(), d.deadMaxJobs(), d.deadTimeout());
  }

  /** Performs {@code {"action":"ok"}} and fails {@code {"action":"fail"}}. */
  public static final class JobsController extends Controller {
    private final Queue<String> log;

    /** No callbacks. @param log where to add what it did */
    public JobsController(Queue<String> log) {
      this.log = log;
    }

    @Override
    protected void perform() {
      String action = String.valueOf(params().get("action"));
      log.add("perform " + action);
      if ("fail".equals(action)) {
        throw new IllegalStateException("boom at offset " + params().offset());
      }
    }

    @Override
    protected void afterFailure(Throwable error) {
      log.add("afterFailure " + error.getMessage());
    }
  }
}
