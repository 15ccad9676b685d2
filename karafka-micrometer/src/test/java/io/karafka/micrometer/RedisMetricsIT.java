package io.karafka.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.karafka.app.KarafkaApp;
import io.karafka.job.JobStore;
import io.karafka.queue.redis.RedisJobStore;
import io.karafka.queue.redis.RedisSettings;
import io.karafka.testkit.Await;
import io.karafka.testkit.InMemoryProducer;
import io.karafka.testkit.LocalRedis;
import io.karafka.worker.KarafkaWorker;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The job meters and store gauges on a real redis-server; the dependency gauge on an outage. */
class RedisMetricsIT extends StoreMetricsCheck {
  private LocalRedis redis;

  @BeforeEach
  void startRedis() throws Exception {
    redis = LocalRedis.start();
  }

  @AfterEach
  void stopRedis() throws Exception {
    redis.close();
  }

  @Override
  JobStore createStore(KarafkaApp app) {
    return new RedisJobStore(RedisSettings.builder(redis.url()).build(), app.config().jobs(),
        Clock.systemUTC(), app.dependencies());
  }

  @Test
  void theDependencyGaugeFlipsWhenRedisStopsAndStarts() throws Exception {
    KarafkaApp app = app("redis_outage");
    try (JobStore store = createStore(app);
         KarafkaWorker worker = KarafkaWorker.builder(app, store, new InMemoryProducer())
             .build()) {
      metrics.bind(app);
      worker.start();
      assertEquals(1, up());
      redis.stopServer();
      Await.within(LIMIT, "the worker's store down", () -> up() == 0);
      assertEquals(1, count("karafka.dependency.outages"));
      redis.startServer();
      Await.within(LIMIT, "the worker's store up again", () -> up() == 1);
      Await.within(LIMIT, "the outage's length recorded",
          () -> registry.get("karafka.dependency.downtime").timer().count() == 1);
    }
  }

  private double up() {
    return registry.get("karafka.dependency.up").tag("dependency", "job store (worker)").gauge()
        .value();
  }
}
