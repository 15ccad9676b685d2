package io.karafka.queue.redis;

import io.karafka.app.KarafkaApp;
import io.karafka.controller.Controller;
import io.karafka.job.RetryPolicy;
import io.karafka.monitor.Monitor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A small app whose jobs go through Redis, for the integration tests. */
public final class RedisApps {
  /** "performed N" / "failed N" per perform, in order. */
  public static final List<String> LOG = new CopyOnWriteArrayList<>();

  private RedisApps() {}

  static KarafkaApp app(int retry) {
    return KarafkaApp.builder()
        .setup(c -> c.name("redis_app").monitor(Monitor.none())
            .jobs(j -> j.retry(retry).retryPolicy(RetryPolicy.fixed(Duration.ofMillis(200)))
                .pollInterval(Duration.ofMillis(100)).concurrency(2)))
        .routes(r -> r.topic("work").controller(WorkController.class))
        .build();
  }

  /** Performs {"n":…}; fails on "fail"; blocks on "block" when the JVM says so. */
  public static class WorkController extends Controller {
    @Override
    protected void perform() throws Exception {
      long n = params().getLong("n");
      if ("block".equals(params().getString("action")) && Boolean.getBoolean("block")) {
        System.out.println("performing " + n);
        Thread.sleep(Long.MAX_VALUE);
      }
      if ("fail".equals(params().getString("action"))) {
        LOG.add("failed " + n);
        throw new IllegalStateException("job " + n + " failed");
      }
      LOG.add("performed " + n);
    }

    @Override
    protected void afterFailure(Throwable error) {
      LOG.add("afterFailure " + params().getLong("n"));
    }
  }
}
