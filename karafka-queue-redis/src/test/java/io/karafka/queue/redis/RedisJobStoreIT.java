package io.karafka.queue.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.karafka.app.KarafkaConfig;
import io.karafka.job.JobStore;
import io.karafka.job.Lease;
import io.karafka.testkit.JobStoreContract;
import io.karafka.testkit.LocalRedis;
import io.karafka.testkit.MutableClock;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import redis.clients.jedis.Jedis;

/** The JobStore contract on a real redis-server, one for the class's tests. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisJobStoreIT extends JobStoreContract {
  private LocalRedis redis;
  /** How many stores the tests created: each one gets a namespace of its own. */
  private int namespaces;

  @BeforeAll
  void startRedis() throws Exception {
    redis = LocalRedis.start();
  }

  @AfterAll
  void stopRedis() throws Exception {
    redis.close();
  }

  @Override
  protected JobStore createStore(MutableClock clock) {
    RedisSettings settings = RedisSettings.builder(redis.url()).namespace("contract"
        + (++namespaces)).build();
    return new RedisJobStore(settings, KarafkaConfig.builder().name("x").build().jobs(), clock);
  }

  /**
   * The holder's store closes (its heartbeat stops and leaves); a second process, another store
   * on the same keys, recovers its jobs at its first fetch.
   */
  @Override
  protected JobStore expireLeases(JobStore store, MutableClock clock) {
    store.close();
    RedisSettings same = RedisSettings.builder(redis.url()).namespace("contract" + namespaces)
        .build();
    return new RedisJobStore(same, KarafkaConfig.builder().name("x").build().jobs(), clock);
  }

  /** Redis shows a client blocked (flag b) in the fetch's BLMOVE. */
  @Override
  protected boolean fetchIsWaiting(Thread fetching) {
    try (Jedis jedis = new Jedis("127.0.0.1", redis.port())) {
      return jedis.clientList().lines().anyMatch(client -> client.contains(" flags=b ")
          && client.contains(" cmd=blmove "));
    }
  }

  @Test
  void theKeysForDedupFollowPartitionsNotJobs() throws Exception {
    try (Jedis jedis = new Jedis("127.0.0.1", redis.port());
         RedisJobStore bounded = new RedisJobStore(RedisSettings.builder(redis.url()
             .replace("/0", "/3")).build(), KarafkaConfig.builder().name("x").build().jobs(),
             clock)) {
      jedis.select(3);
      jedis.flushDB();
      java.util.Set<String> afterFirstRound = null;
      for (int round = 0; round < 20; round++) {
        for (int partition = 0; partition < 4; partition++) {
          long[] offsets = new long[25];
          for (int i = 0; i < 25; i++) {
            offsets[i] = round * 25L + i;
          }
          assertEquals(List.of(), bounded.enqueue(consumed("group", "events", partition,
              "topic-x", offsets)));
        }
        List<Lease> leases;
        while (!(leases = bounded.fetch(DEFAULT, 100, NO_WAIT)).isEmpty()) {
          bounded.completeAll(leases);
        }
        if (round == 0) {
          afterFirstRound = keys(jedis, bounded);
        }
      }
      assertEquals(2_000, bounded.stats().processed());
      assertEquals(afterFirstRound, keys(jedis, bounded),
          "the same keys after 2,000 jobs as after 100");
      assertEquals(List.of("karafka:offsets:group", "queues", "stat:processed",
          "stat:processed:" + clock.instant().toString().substring(0, 10)),
          List.copyOf(afterFirstRound), "besides Sidekiq's process keys");
      assertEquals(java.util.Set.of(), jedis.keys("karafka:jid:*"), "no id outlives its job");
      assertEquals(Map.of("events/0", "topic-x:499", "events/1", "topic-x:499",
          "events/2", "topic-x:499", "events/3", "topic-x:499"),
          jedis.hgetAll("karafka:offsets:group"));
      assertEquals(List.of(498L, 499L), bounded.enqueue(consumed("group", "events", 2,
          "topic-x", 498, 499)));
      assertEquals(0, bounded.stats().totalQueued());
    }
  }

  @Test
  void deadJobsBeyondTheCapOrDeletedTakeTheirIdsWithThem() throws Exception {
    try (Jedis jedis = new Jedis("127.0.0.1", redis.port());
         RedisJobStore capped = new RedisJobStore(RedisSettings.builder(redis.url()
             .replace("/0", "/4")).build(), KarafkaConfig.builder().name("x")
             .jobs(j -> j.deadMaxJobs(1)).build().jobs(), clock)) {
      jedis.select(4);
      jedis.flushDB();
      capped.enqueue(List.of(job(1, "default"), job(2, "default")));
      for (Lease lease : capped.fetch(DEFAULT, 2, NO_WAIT)) {
        capped.kill(lease, lease.job().failed(io.karafka.job.JobError.of(
            new IllegalStateException("x"), clock.instant(), null), false));
        clock.advance(java.time.Duration.ofSeconds(1)); // the later one is the newer dead job
      }
      assertEquals(1, capped.stats().dead());
      assertEquals(java.util.Set.of("karafka:jid:" + job(2, "default").id()),
          jedis.keys("karafka:jid:*"), "the id of the dead job kept, not of the one dropped");
      assertEquals(true, capped.delete(io.karafka.job.JobBrowser.Section.DEAD,
          job(2, "default").id()));
      assertEquals(java.util.Set.of(), jedis.keys("karafka:jid:*"));
    }
  }

  /** @return the keys of the database, but for the process's heartbeat and Sidekiq's sets */
  private static java.util.Set<String> keys(Jedis jedis, RedisJobStore store) {
    java.util.Set<String> keys = new TreeSet<>(jedis.keys("*"));
    keys.removeIf(key -> key.startsWith(store.identity()) || key.equals("processes")
        || key.equals("karafka:workers"));
    return keys;
  }
}
