package io.karafka.queue.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.karafka.app.KarafkaConfig;
import io.karafka.job.Job;
import io.karafka.job.JobError;
import io.karafka.job.Lease;
import io.karafka.job.Worker;
import io.karafka.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Ruby's real Sidekiq (6.4, from Debian) reads what the Redis store writes, and vice versa. */
class SidekiqCompatibilityIT {
  static LocalRedis redis;

  @BeforeAll
  static void startRedis() throws Exception {
    redis = LocalRedis.start();
  }

  @AfterAll
  static void stopRedis() throws Exception {
    redis.close();
  }

  @org.junit.jupiter.api.BeforeEach
  void emptyRedis() {
    try (redis.clients.jedis.Jedis jedis = new redis.clients.jedis.Jedis("127.0.0.1",
        redis.port())) {
      jedis.flushAll();
    }
  }

  /** Runs Ruby with Sidekiq connected to the test's Redis; returns what it printed. */
  static String ruby(String script) throws Exception {
    Process ruby = new ProcessBuilder("ruby", "-e", "require 'sidekiq'; require 'sidekiq/api';"
        + " Sidekiq.configure_client { |c| c.redis = { url: '" + redis.url() + "' } }; "
        + script).redirectErrorStream(true).start();
    String out = new String(ruby.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (!ruby.waitFor(60, TimeUnit.SECONDS) || ruby.exitValue() != 0) {
      throw new AssertionError("ruby failed: " + out);
    }
    return out;
  }

  @Test
  void sidekiqsApiReadsKarafkasQueuesRetriesDeadJobsStatsAndProcesses() throws Exception {
    MutableClock clock = MutableClock.now();
    try (RedisJobStore store = new RedisJobStore(RedisSettings.builder(redis.url()).build(),
        KarafkaConfig.builder().name("x").build().jobs(), clock)) {
      store.enqueue(List.of(
          Job.create("job1", Worker.named("UsersCreateWorker"), "users_create", "{\"n\":1}",
              clock.instant()),
          Job.create("job2", Worker.named("UsersCreateWorker"), "users_create", "{\"n\":2}",
              clock.instant()),
          Job.create("job3", Worker.named("LaterWorker").queue("low"), "later", "{}",
              clock.instant()).scheduledAt(clock.instant().plusSeconds(3600))));
      List<Lease> leases = store.fetch(List.of("default"), 2, Duration.ZERO);
      store.complete(leases.get(0));
      Job failed = leases.get(1).job().failed(JobError.of(new IllegalStateException("boom"),
          clock.instant(), null), true);
      store.retry(leases.get(1), failed, clock.instant().plusSeconds(30));

      assertEquals("queues=default,low scheduled=1 LaterWorker retries=1 UsersCreateWorker"
          + " [\"users_create\", \"{\\\"n\\\":2}\"] java.lang.IllegalStateException boom"
          + " processed=1 failed=1 processes=1 karafka", ruby(
          "s = Sidekiq::Stats.new; r = Sidekiq::RetrySet.new.first;"
              + " print 'queues=', Sidekiq::Queue.all.map(&:name).sort.join(','),"
              + " ' scheduled=', Sidekiq::ScheduledSet.new.size, ' ',"
              + " Sidekiq::ScheduledSet.new.first.klass,"
              + " ' retries=', Sidekiq::RetrySet.new.size, ' ', r.klass, ' ', r.args.inspect,"
              + " ' ', r['error_class'], ' ', r['error_message'],"
              + " ' processed=', s.processed, ' failed=', s.failed,"
              + " ' processes=', Sidekiq::ProcessSet.new.size, ' ',"
              + " Sidekiq::ProcessSet.new.first['tag']"));
    }
  }

  @Test
  void aJobPushedByRubySidekiqIsFetchedAndPerformedByKarafka() throws Exception {
    ruby("Sidekiq::Client.push('class' => 'ReportsWorker', 'queue' => 'reports',"
        + " 'args' => ['reports', '{\"day\":\"2026-01-01\"}'], 'retry' => 3)");
    try (RedisJobStore store = new RedisJobStore(RedisSettings.builder(redis.url()).build(),
        KarafkaConfig.builder().name("x").build().jobs(), MutableClock.now())) {
      Lease lease = store.fetch(List.of("reports"), 1, Duration.ofSeconds(5)).getFirst();
      assertEquals("ReportsWorker", lease.job().worker());
      assertEquals("reports", lease.job().topic());
      assertEquals("{\"day\":\"2026-01-01\"}", lease.job().payload());
      assertEquals(3, lease.job().retry());
      store.complete(lease);
      assertEquals("0", ruby("print Sidekiq::Queue.new('reports').size"));
      assertEquals(Instant.now().getEpochSecond() / 100, lease.job().createdAt().getEpochSecond()
          / 100);
    }
  }
}
