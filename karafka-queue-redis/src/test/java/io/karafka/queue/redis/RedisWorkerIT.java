package io.karafka.queue.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.app.KarafkaApp;
import io.karafka.consumer.Batch;
import io.karafka.consumer.BatchResult;
import io.karafka.job.JobStoreUnavailableException;
import io.karafka.message.Message;
import io.karafka.monitor.Dependency;
import io.karafka.monitor.Event;
import io.karafka.server.KarafkaServer;
import io.karafka.testkit.InMemoryMessageSource;
import io.karafka.testkit.InMemoryProducer;
import io.karafka.testkit.LocalRedis;
import io.karafka.testkit.RecordingMonitor;
import io.karafka.testkit.TestMessage;
import io.karafka.worker.KarafkaWorker;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** Background jobs end to end on a real redis-server: retries, dedup, a killed worker, a restart. */
class RedisWorkerIT {
  /** What the test's controllers did. */
  private final List<String> log = new CopyOnWriteArrayList<>();

  static RedisJobStore store(LocalRedis redis, KarafkaApp app, String namespace) {
    return new RedisJobStore(RedisSettings.builder(redis.url()).namespace(namespace)
        .heartbeatTtl(Duration.ofSeconds(2)).build(), app.config().jobs(), Clock.systemUTC(),
        app.dependencies());
  }

  /** Dispatches messages (as one poll) to the app's route; jobs go to the store. */
  static BatchResult consume(KarafkaApp app, RedisJobStore store, long firstOffset,
                             String... json) {
    InMemoryMessageSource source = new InMemoryMessageSource(Clock.systemUTC());
    KarafkaServer server = KarafkaServer.builder(app).source(source)
        .producer(new InMemoryProducer()).jobQueue(store).build();
    server.start();
    List<Message> messages = new java.util.ArrayList<>();
    for (int i = 0; i < json.length; i++) {
      // a record consumed again keeps its timestamp, which is part of its job's id
      messages.add(TestMessage.json(json[i]).timestamp(Instant.ofEpochSecond(firstOffset + i))
          .toMessage("work", firstOffset + i, Instant.now()));
    }
    return source.deliver(new Batch("redis_app_work", "work", 0, messages));
  }

  void await(String what, BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what + "; log " + log);
      }
      Thread.sleep(10);
    }
  }

  @Test
  void jobsAreRetriedWithAfterFailureThenDeadAndAMessageConsumedTwiceIsOneJob() throws Exception {
    try (LocalRedis redis = LocalRedis.start()) {
      KarafkaApp app = RedisApps.app(2, log);
      try (RedisJobStore store = store(redis, app, "retries");
           KarafkaWorker worker = KarafkaWorker.builder(app, store, new InMemoryProducer())
               .build()) {
        assertEquals(new BatchResult.Handled(2), consume(app, store, 0, "{\"n\":0}",
            "{\"n\":1,\"action\":\"fail\"}"));
        assertEquals(new BatchResult.Handled(2), consume(app, store, 0, "{\"n\":0}",
            "{\"n\":1,\"action\":\"fail\"}"));
        assertEquals(2, store.stats().totalQueued(), "consumed twice, enqueued once");
        worker.start();
        await("dead job", () -> store.stats().dead() == 1);
        assertEquals(List.of("failed 1", "afterFailure 1", "failed 1", "afterFailure 1",
            "failed 1", "afterFailure 1"), log.stream()
            .filter(l -> !l.equals("performed 0")).toList(), "three tries, each followed by"
            + " afterFailure");
        assertEquals(1, log.stream().filter(l -> l.equals("performed 0")).count());
        assertEquals(1, store.stats().processed());
        assertEquals(3, store.stats().failed());
        assertEquals(0, store.stats().retries());
      }
    }
  }

  @Test
  void theJobOfAWorkerKilledMidJobRunsAgainElsewhere() throws Exception {
    try (LocalRedis redis = LocalRedis.start()) {
      RecordingMonitor events = new RecordingMonitor();
      KarafkaApp app = RedisApps.app(0, log).withMonitor(events);
      String namespace = "kill";
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process child = new ProcessBuilder(java, "-Dblock=true", "-cp",
          System.getProperty("java.class.path"), RedisWorkerMain.class.getName(), redis.url(),
          namespace).redirectErrorStream(true).start();
      try (RedisJobStore store = store(redis, app, namespace)) {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
            StandardCharsets.UTF_8));
        consume(app, store, 0, "{\"n\":7,\"action\":\"block\"}");
        String line;
        while ((line = out.readLine()) != null && !line.equals("performing 7")) {
          // worker start-up output
        }
        assertEquals("performing 7", line, "the child took the job");
        assertEquals(1, store.stats().running());
        child.destroyForcibly(); // kill -9: no shutdown hook, no release
        assertTrue(child.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, store.stats().totalQueued(), "the job is still in the dead process's list");

        try (KarafkaWorker worker = KarafkaWorker.builder(app, store, new InMemoryProducer())
            .build()) {
          worker.start();
          await("the job to run again", () -> log.contains("performed 7"));
        }
        assertEquals(1, store.stats().processed());
        assertEquals(0, store.stats().running());
        Event.JobsRecovered recovered = events.events(Event.JobsRecovered.class).getFirst();
        assertEquals(redis.url(), recovered.store());
        assertTrue(recovered.owner().startsWith("worker process "), recovered.owner());
        assertEquals(1, recovered.count());
      } finally {
        child.destroyForcibly();
      }
    }
  }

  @Test
  void aRedisOutageIsNamedAndNothingIsLostAfterTheRestart() throws Exception {
    try (LocalRedis redis = LocalRedis.start(true)) {
      KarafkaApp app = RedisApps.app(0, log);
      try (RedisJobStore store = store(redis, app, "restart")) {
        consume(app, store, 0, "{\"n\":1}");
        redis.stopServer();
        JobStoreUnavailableException e = assertThrows(JobStoreUnavailableException.class,
            store::stats);
        assertTrue(e.getMessage().startsWith("Redis at redis://127.0.0.1:" + redis.port()
            + "/0 is unreachable: "), e.getMessage());
        BatchResult.Failed failed = assertInstanceOf(BatchResult.Failed.class,
            consume(app, store, 1, "{\"n\":2}"));
        assertInstanceOf(JobStoreUnavailableException.class, failed.error());

        try (KarafkaWorker worker = KarafkaWorker.builder(app, store, new InMemoryProducer())
            .build()) {
          worker.start();
          Dependency fetching = app.dependencies().all().stream()
              .filter(d -> d.name().equals("job store (worker)")).findFirst().orElseThrow();
          await("the worker's fetches to fail", () -> fetching.failedAttempts() >= 2);
          redis.startServer();
          assertEquals(new BatchResult.Handled(2), consume(app, store, 1, "{\"n\":2}"));
          await("both jobs", () -> log.containsAll(List.of("performed 1",
              "performed 2")));
        }
      }
    }
  }

  @Test
  void aCleanStopLeavesSidekiqsProcessSetAtOnce() throws Exception {
    try (LocalRedis redis = LocalRedis.start();
         redis.clients.jedis.Jedis jedis = new redis.clients.jedis.Jedis("127.0.0.1",
             redis.port())) {
      KarafkaApp app = RedisApps.app(0, log);
      RedisJobStore store = new RedisJobStore(RedisSettings.builder(redis.url()).build(),
          app.config().jobs(), Clock.systemUTC());
      KarafkaWorker worker = KarafkaWorker.builder(app, store, new InMemoryProducer())
          .closing(store).build();
      consume(app, store, 0, "{\"n\":1}");
      worker.start();
      await("the job", () -> log.contains("performed 1"));
      assertTrue(jedis.smembers("processes").contains(store.identity()), "listed while it runs");

      worker.close();

      assertEquals(java.util.Set.of(), jedis.smembers("processes"));
      assertEquals(0, jedis.exists(store.identity()) ? 1 : 0, "its heartbeat hash is gone");
    }
  }

  @Test
  void theDeadSetIsCappedByCountAndAge() throws Exception {
    try (LocalRedis redis = LocalRedis.start()) {
      io.karafka.testkit.MutableClock clock = io.karafka.testkit.MutableClock.now();
      io.karafka.app.JobSettings jobs = io.karafka.app.KarafkaConfig.builder().name("caps")
          .jobs(j -> j.deadMaxJobs(2).deadTimeout(Duration.ofDays(1))).build().jobs();
      try (RedisJobStore store = new RedisJobStore(RedisSettings.builder(redis.url()).build(),
          jobs, clock)) {
        for (int i = 0; i < 3; i++) {
          io.karafka.job.Job job = io.karafka.job.Job.create("dead" + i,
              io.karafka.job.Worker.named("W"), "work", "{}", clock.instant());
          store.enqueue(List.of(job));
          io.karafka.job.Lease lease = store.fetch(List.of("default"), 1, Duration.ZERO)
              .getFirst();
          store.kill(lease, job.failed(io.karafka.job.JobError.of(new RuntimeException("x"),
              clock.instant(), null), false));
        }
        assertEquals(2, store.stats().dead(), "capped by count");
        clock.advance(Duration.ofDays(2));
        io.karafka.job.Job late = io.karafka.job.Job.create("dead-late",
            io.karafka.job.Worker.named("W"), "work", "{}", clock.instant());
        store.enqueue(List.of(late));
        io.karafka.job.Lease lease = store.fetch(List.of("default"), 1, Duration.ZERO).getFirst();
        store.kill(lease, late.failed(io.karafka.job.JobError.of(new RuntimeException("x"),
            clock.instant(), null), false));
        assertEquals(1, store.stats().dead(), "older than the dead timeout: pruned");
      }
    }
  }
}
