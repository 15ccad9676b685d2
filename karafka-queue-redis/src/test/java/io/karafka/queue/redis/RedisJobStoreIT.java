package io.karafka.queue.redis;

import io.karafka.app.KarafkaConfig;
import io.karafka.job.JobStore;
import io.karafka.testkit.JobStoreContract;
import io.karafka.testkit.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The JobStore contract on a real redis-server. */
class RedisJobStoreIT extends JobStoreContract {
  static LocalRedis redis;
  static int namespaces;

  @BeforeAll
  static void startRedis() throws Exception {
    redis = LocalRedis.start();
  }

  @AfterAll
  static void stopRedis() throws Exception {
    redis.close();
  }

  @Override
  protected JobStore createStore(MutableClock clock) {
    RedisSettings settings = RedisSettings.builder(redis.url()).namespace("contract"
        + (++namespaces)).build();
    return new RedisJobStore(settings, KarafkaConfig.builder().name("x").build().jobs(), clock);
  }

  @Override
  protected void expireLeases(JobStore store, MutableClock clock) {
    ((RedisJobStore) store).simulateDeath();
    // a second process (another store on the same keys) recovers the dead one's jobs
    RedisSettings same = RedisSettings.builder(redis.url()).namespace("contract" + namespaces)
        .build();
    try (RedisJobStore other = new RedisJobStore(same, KarafkaConfig.builder().name("x").build()
        .jobs(), clock)) {
      other.recoverDeadProcesses();
    }
  }
}
