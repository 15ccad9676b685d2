package io.karafka.queue.redis;

import io.karafka.app.KarafkaApp;
import io.karafka.controller.Controller;
import io.karafka.job.RetryPolicy;
import io.karafka.monitor.Monitor;
import java.time.Duration;
import java.util.List;

/** A small app whose jobs go through Redis, for the integration tests. */
public final class RedisApps {
  private RedisApps() {}

  /**
   * @param log where the app's controllers add "performed N", "failed N" and "afterFailure N",
   *     in order; thread-safe (e.g. a CopyOnWriteArrayList)
   */
  static KarafkaApp app(int retry, List<String> log) {
    return KarafkaApp.builder()
        .setup(c -> c.name("redis_app").monitor(Monitor.none())
            .jobs(j -> j.retry(retry).retryPolicy(RetryPolicy.fixed(Duration.ofMillis(200)))
                .pollInterval(Duration.ofMillis(100)).concurrency(2)))
        .routes(r -> r.topic("work").controller(() -> new WorkController(log)))
        .build();
  }

  /** Performs {"n":…}; fails on "fail"; blocks on "block" when the JVM says so. */
  public static class WorkController extends Controller {
    private final List<String> log;

    /** @param log where to add what it did */
    public WorkController(List<String> log) {
      this.log = log;
    }

    @Override
    protected void perform() throws Exception {
      long n = params().getLong("n");
      if ("block".equals(params().getString("action")) && Boolean.getBoolean("block")) {
        System.out.println("performing " + n);
        Thread.sleep(Long.MAX_VALUE);
      }
      if ("fail".equals(params().getString("action"))) {
        log.add("failed " + n);
        throw new IllegalStateException("job " + n + " failed");
      }
      log.add("performed " + n);
    }

    @Override
    protected void afterFailure(Throwable error) {
      log.add("afterFailure " + params().getLong("n"));
    }
  }
}
