package io.karafka.benchmarks;

import io.karafka.app.KarafkaApp;
import io.karafka.controller.Controller;
import io.karafka.job.ConsumedJobs;
import io.karafka.job.Job;
import io.karafka.job.JobId;
import io.karafka.json.JsonInterchanger;
import io.karafka.message.Message;
import io.karafka.params.RawParams;
import io.karafka.queue.redis.RedisJobStore;
import io.karafka.queue.redis.RedisSettings;
import io.karafka.testkit.InMemoryProducer;
import io.karafka.worker.KarafkaWorker;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.args.ListDirection;

/**
 * The Redis job store against raw Jedis on a local redis-server: enqueue and drain 200,000 no-op
 * jobs, then enqueue→start latency at 2,000 jobs/s.
 */
final class RedisThroughput {
  private static final int JOBS = Integer.getInteger("bench.jobs", 200_000);

  /** How long the jobs waited, while asked to note it; the route's factory hands it out. */
  private final Latencies latencies = new Latencies();
  private int port;

  /** The waits noted by this run's jobs. */
  static final class Latencies {
    final long[] samples = new long[100_000];
    final AtomicInteger count = new AtomicInteger();
    volatile boolean recording;
  }

  /** A no-op job that notes how long it waited. */
  public static class NoopController extends Controller {
    private final Latencies latencies;

    NoopController(Latencies latencies) {
      this.latencies = latencies;
    }

    @Override
    protected void perform() {
      if (latencies.recording) {
        Object sent = params().get("sent");
        int slot = latencies.count.getAndIncrement();
        if (sent instanceof Number n && slot < latencies.samples.length) {
          latencies.samples[slot] = System.nanoTime() - n.longValue();
        }
      }
    }
  }

  String run() throws Exception {
    BenchRedis redis = BenchRedis.start("bench-redis");
    port = redis.port;
    try {
      List<double[]> rounds = new ArrayList<>();
      for (int round = 0; round < 3; round++) {
        double raw = rawEnqueue();
        double rawDrain = rawDrain();
        long before = usedMemory();
        double enqueue = karafkaEnqueue(round);
        double drain = karafkaDrain(round);
        rounds.add(new double[] {raw, rawDrain, enqueue, drain, usedMemory() - before});
        System.out.printf("round %d: raw enqueue %.0f, raw drain %.0f, karafka enqueue %.0f,"
            + " karafka drain %.0f jobs/s, memory left %.0f bytes%n", round, raw, rawDrain,
            enqueue, drain, rounds.getLast()[4]);
      }
      double[] median = new double[5];
      for (int i = 0; i < 5; i++) {
        int column = i;
        median[i] = rounds.stream().mapToDouble(r -> r[column]).sorted().toArray()[1];
      }
      long[] latency = latency();
      return String.format("""
          ## Redis job store

          Command: `./mvnw -q -B install -DskipTests && ./mvnw -q -B -pl karafka-benchmarks \
          exec:exec -Dbench=redis`

          Machine: %s; redis-server %s on 127.0.0.1 (no persistence), same machine.

          Workload: %,d no-op jobs enqueued as the consumer does (`enqueue(ConsumedJobs)`: \
          batches of 1,000 consecutive offsets of one partition, with the dedup watermark), then \
          drained by one worker process (`KarafkaWorker`, %d threads, crash-safe fetch into a \
          per-process list); the median of 3 rounds, side by side with raw Jedis in the same run.

          | | Karafka jobs/s | raw Jedis jobs/s | ratio | target |
          |---|---|---|---|---|
          | enqueue | %,.0f | %,.0f (pipelined LPUSH) | %.2f | ≥ 150,000 |
          | processing | %,.0f | %,.0f (LMOVE + LREM loop, one thread) | %.2f | ≥ 40,000 |

          Redis memory left once all %,d jobs were enqueued and completed (`used_memory` after \
          minus before, median): %,.0f bytes, %.2f bytes per job. Dedup keeps one watermark per \
          partition, not an id per job (before: ~134 bytes per job for 24 h).

          Latency, enqueue → perform start, at a steady 2,000 jobs/s for 10 s (first 2 s \
          dropped): p50 %.2f ms, p99 %.2f ms, max %.2f ms (target p99 < 5 ms); %,d samples.
          """, Benchmarks.machine(), redisVersion(), JOBS, 10, median[2], median[0],
          median[2] / median[0], median[3], median[1], median[3] / median[1], JOBS, median[4],
          median[4] / JOBS, latency[0] / 1e6, latency[1] / 1e6, latency[2] / 1e6, latency[3]);
    } finally {
      redis.close();
    }
  }

  private String redisVersion() {
    try (Jedis jedis = new Jedis("127.0.0.1", port)) {
      return jedis.info("server").lines().filter(l -> l.startsWith("redis_version:"))
          .map(l -> l.substring("redis_version:".length())).findFirst().orElse("?");
    }
  }

  private long usedMemory() {
    try (Jedis jedis = new Jedis("127.0.0.1", port)) {
      return jedis.info("memory").lines().filter(l -> l.startsWith("used_memory:"))
          .map(l -> Long.parseLong(l.substring("used_memory:".length()).trim())).findFirst()
          .orElseThrow();
    }
  }

  private double rawEnqueue() {
    byte[] payload = new byte[100];
    Arrays.fill(payload, (byte) 'x');
    try (Jedis jedis = new Jedis("127.0.0.1", port)) {
      jedis.del("raw:queue", "raw:working");
      long start = System.nanoTime();
      for (int batch = 0; batch < JOBS; batch += 1000) {
        Pipeline p = jedis.pipelined();
        for (int i = batch; i < batch + 1000; i++) {
          p.lpush("raw:queue".getBytes(), (i + new String(payload)).getBytes());
        }
        p.sync();
      }
      return JOBS / ((System.nanoTime() - start) / 1e9);
    }
  }

  private double rawDrain() {
    try (Jedis jedis = new Jedis("127.0.0.1", port)) {
      long start = System.nanoTime();
      String job;
      int n = 0;
      while ((job = jedis.lmove("raw:queue", "raw:working", ListDirection.RIGHT,
          ListDirection.LEFT)) != null) {
        jedis.lrem("raw:working", 1, job);
        n++;
      }
      return n / ((System.nanoTime() - start) / 1e9);
    }
  }

  private KarafkaApp app(int round) {
    return KarafkaApp.builder()
        .setup(c -> c.name("redis-bench-" + round).jobs(j -> j.concurrency(10)))
        .routes(r -> r.topic("bench").controller(() -> new NoopController(latencies)))
        .build();
  }

  private RedisJobStore store(KarafkaApp app, String namespace) {
    return new RedisJobStore(RedisSettings.builder("redis://127.0.0.1:" + port + "/0")
        .namespace(namespace).poolSize(16).build(), app.config().jobs(), Clock.systemUTC());
  }

  private static String payload(long sentNanos) {
    Message message = new Message("bench", 0, 0, null, "{\"noop\":true}".getBytes(), List.of(),
        Instant.EPOCH, Instant.EPOCH);
    return new JsonInterchanger().encode(List.of(new RawParams(message,
        sentNanos == 0 ? Map.of() : Map.of("sent", sentNanos))));
  }

  private double karafkaEnqueue(int round) {
    KarafkaApp app = app(round);
    String payload = payload(0);
    try (RedisJobStore store = store(app, "bench" + round)) {
      long start = System.nanoTime();
      for (int batch = 0; batch < JOBS; batch += 1000) {
        List<Job> jobs = new ArrayList<>(1000);
        List<Long> offsets = new ArrayList<>(1000);
        for (int i = batch; i < batch + 1000; i++) {
          jobs.add(Job.create(JobId.of("g", "bench", round, i), app.routes().getFirst().worker(),
              "bench", payload, Instant.now()));
          offsets.add((long) i);
        }
        store.enqueue(new ConsumedJobs("g", "bench", round, "bench-topic-id", jobs, offsets));
      }
      return JOBS / ((System.nanoTime() - start) / 1e9);
    }
  }

  private double karafkaDrain(int round) throws InterruptedException {
    KarafkaApp app = app(round);
    try (RedisJobStore store = store(app, "bench" + round);
         KarafkaWorker worker = KarafkaWorker.builder(app, store, new InMemoryProducer())
             .build()) {
      long start = System.nanoTime();
      worker.start();
      while (store.stats().processed() < JOBS) {
        Thread.sleep(5);
      }
      return JOBS / ((System.nanoTime() - start) / 1e9);
    }
  }

  /** @return p50, p99, max (ns) and the sample count */
  private long[] latency() throws InterruptedException {
    KarafkaApp app = app(9);
    int rate = 2_000;
    int seconds = 12;
    try (RedisJobStore producerStore = store(app, "latency");
         RedisJobStore workerStore = store(app, "latency");
         KarafkaWorker worker = KarafkaWorker.builder(app, workerStore, new InMemoryProducer())
             .build()) {
      worker.start();
      long start = System.nanoTime();
      long interval = 1_000_000_000L / rate;
      for (int i = 0; i < rate * seconds; i++) {
        long due = start + i * interval;
        while (System.nanoTime() < due) {
          Thread.onSpinWait();
        }
        if (i == rate * 2) {
          latencies.count.set(0);
          latencies.recording = true;
        }
        producerStore.enqueue(List.of(Job.create(JobId.of("l", "bench", 0, i),
            app.routes().getFirst().worker(), "bench", payload(System.nanoTime()),
            Instant.now())));
      }
      Thread.sleep(500);
      latencies.recording = false;
    }
    int n = Math.min(latencies.count.get(), latencies.samples.length);
    long[] samples = Arrays.copyOf(latencies.samples, n);
    Arrays.sort(samples);
    return new long[] {samples[n / 2], samples[(int) (n * 0.99)], samples[n - 1], n};
  }
}
