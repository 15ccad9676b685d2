package io.karafka.examples.wiring;

import io.karafka.app.KarafkaApp;
import io.karafka.kafka.KafkaMessageSource;
import io.karafka.kafka.KafkaProducerPool;
import io.karafka.queue.redis.RedisJobStore;
import io.karafka.queue.redis.RedisSettings;
import io.karafka.server.KarafkaServer;
import io.karafka.worker.KarafkaWorker;
import java.time.Clock;

/** Background mode on Redis: the server enqueues, worker processes perform. */
public final class RedisWiring {
  private RedisWiring() {}

  /** @return the job store of the app, on the Redis named by REDIS_URL */
  public static RedisJobStore store(KarafkaApp app) {
    RedisSettings redis = RedisSettings.builder(System.getenv().getOrDefault("REDIS_URL",
            "redis://127.0.0.1:6379/0"))
        .namespace(app.name())   // keys like example_app:queue:default; omit for plain Sidekiq keys
        .poolSize(20)
        .build();
    // a dead worker's jobs given back are told to the app's monitor
    return new RedisJobStore(redis, app.config().jobs(), Clock.systemUTC(), app.dependencies());
  }

  /** The consumer process: controllers' callbacks run here, perform is enqueued to Redis. */
  public static KarafkaServer server(KarafkaApp app, RedisJobStore store,
                                     KafkaProducerPool producer) {
    return KarafkaServer.builder(app)
        .source(new KafkaMessageSource(app))
        .producer(producer)
        .jobQueue(store)
        .build();
  }

  /** A worker process: performs jobs, retries them with Sidekiq's back-off, then dead. */
  public static KarafkaWorker worker(KarafkaApp app, RedisJobStore store,
                                     KafkaProducerPool producer) {
    return KarafkaWorker.builder(app, store, producer).build();
  }
}
