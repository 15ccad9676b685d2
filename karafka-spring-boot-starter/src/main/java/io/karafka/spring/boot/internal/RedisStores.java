package io.karafka.spring.boot.internal;

import io.karafka.app.KarafkaApp;
import io.karafka.job.JobQueue;
import io.karafka.queue.redis.RedisJobStore;
import io.karafka.queue.redis.RedisSettings;
import io.karafka.spring.boot.KarafkaProperties;
import java.util.function.Consumer;

/** Builds the Redis job store from {@code karafka.redis.*}. */
final class RedisStores {
  private RedisStores() {}

  /** @return a {@link RedisJobStore} (it connects on first use) */
  static JobQueue create(KarafkaApp app, KarafkaProperties.Redis redis) {
    RedisSettings.Builder settings = RedisSettings.builder(redis.url());
    set(redis.namespace(), settings::namespace);
    set(redis.poolSize(), settings::poolSize);
    set(redis.timeout(), settings::timeout);
    set(redis.heartbeatTtl(), settings::heartbeatTtl);
    set(redis.caCert(), settings::caCert);
    return new RedisJobStore(settings.build(), app.config().jobs(), app.config().clock(),
        app.dependencies());
  }

  private static <T> void set(T value, Consumer<T> setter) {
    if (value != null) {
      setter.accept(value);
    }
  }
}
