package io.karafka.queue.redis;

import io.karafka.app.KarafkaApp;
import io.karafka.job.JobStore;
import io.karafka.testkit.LocalRedis;
import io.karafka.testkit.StoreOutageContract;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The outage drill on a redis-server restarted twice (append-only file: data survives). */
class RedisOutageIT extends StoreOutageContract {
  private static final Duration HEARTBEAT = Duration.ofSeconds(2);
  private LocalRedis redis;

  @BeforeEach
  void startRedis() throws Exception {
    redis = LocalRedis.start(true);
  }

  @AfterEach
  void stopRedis() throws Exception {
    redis.close();
  }

  @Override
  protected JobStore createStore(KarafkaApp app) {
    return new RedisJobStore(RedisSettings.builder(redis.url()).heartbeatTtl(HEARTBEAT).build(),
        app.config().jobs(), Clock.systemUTC(), app.dependencies());
  }

  @Override
  protected void stopServer() throws Exception {
    redis.stopServer();
  }

  @Override
  protected void startServer() throws Exception {
    redis.startServer();
  }

  @Override
  protected String address() {
    return redis.url();
  }

  /** Longer than the heartbeat's TTL: the live worker must not look dead afterwards. */
  @Override
  protected Duration minimumOutage() {
    return HEARTBEAT.multipliedBy(2).plusSeconds(1);
  }
}
