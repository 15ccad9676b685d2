package io.karafka.benchmarks;

import io.karafka.app.KarafkaApp;
import io.karafka.controller.Controller;
import io.karafka.job.ConsumedJobs;
import io.karafka.job.Job;
import io.karafka.job.JobId;
import io.karafka.json.JsonInterchanger;
import io.karafka.kafka.KafkaProducerPool;
import io.karafka.message.Message;
import io.karafka.params.RawParams;
import io.karafka.producer.Producer;
import io.karafka.queue.redis.RedisJobStore;
import io.karafka.queue.redis.RedisSettings;
import io.karafka.responder.Responder;
import io.karafka.testkit.EmbeddedKafka;
import io.karafka.testkit.InMemoryProducer;
import io.karafka.worker.KarafkaWorker;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How fast one worker process drains background jobs whose controller responds to one topic,
 * the original framework's everyday job, against a real broker: each response is a Kafka send
 * the job waits for (at-least-once), so the producer, not the store, sets the pace. Side by side
 * in one run: the same jobs with a no-op perform (the store's own drain rate), and responding
 * with kafka-clients' default {@code linger.ms} (5 ms) and with {@code linger.ms=0}.
 */
final class ResponseThroughput {
  private static final int JOBS = Integer.getInteger("bench.responseJobs", 20_000);
  private static final int CONCURRENCY = 10;
  private int port;
  private EmbeddedKafka kafka;

  /** Responds with the job's params; its responder sends them to one topic. */
  public static class AnswerController extends Controller {
    @Override
    protected void perform() {
      respondWith(params().toMap());
    }
  }

  /** Sends each answer to {@code answers}. */
  public static class AnswerResponder extends Responder<Map<String, Object>> {
    /** Registers the topic. */
    @SuppressWarnings("this-escape")
    public AnswerResponder() {
      topic("answers");
    }

    @Override
    protected void respond(Map<String, Object> answer) {
      respondTo("answers", "{\"ok\":true}");
    }
  }

  /** Does nothing: the store's own drain rate. */
  public static class NoopController extends Controller {
    @Override
    protected void perform() {
    }
  }

  String run() throws Exception {
    BenchRedis redis = BenchRedis.start("bench-responses");
    port = redis.port;
    try (EmbeddedKafka broker = EmbeddedKafka.start()) {
      kafka = broker;
      kafka.createTopic("answers", 4);
      Map<String, Function<Integer, double[]>> variants = new LinkedHashMap<>();
      variants.put("no-op perform (no response), in-memory producer",
          round -> drain("noop", round, Map.of()));
      variants.put("responds to one topic, linger.ms default (5 ms)",
          round -> drain("answer", round, Map.of()));
      variants.put("responds to one topic, linger.ms=0",
          round -> drain("answer", round, Map.of("linger.ms", "0")));
      Map<String, List<Double>> results = new LinkedHashMap<>();
      for (int round = 0; round < 4; round++) { // round 0 warms up and is not counted
        for (Map.Entry<String, Function<Integer, double[]>> v : variants.entrySet()) {
          double rate = v.getValue().apply(round)[0];
          if (round > 0) {
            results.computeIfAbsent(v.getKey(), k -> new ArrayList<>()).add(rate);
          }
          System.out.printf("round %d: %s: %.0f jobs/s%n", round, v.getKey(), rate);
        }
      }
      StringBuilder rows = new StringBuilder();
      double noop = Benchmarks.median(results.values().iterator().next());
      for (Map.Entry<String, List<Double>> r : results.entrySet()) {
        double median = Benchmarks.median(r.getValue());
        rows.append(String.format("| %s | %,.0f | %.2f | %s |%n", r.getKey(), median,
            median / noop, r.getValue().stream().map(d -> String.format("%,.0f", d)).toList()));
      }
      return String.format("""
          ## Background jobs that respond (Redis, Kafka)

          Command: `./mvnw -q -B install -DskipTests && ./mvnw -q -B -pl karafka-benchmarks \
          exec:exec -Dbench=responses`

          Machine: %s; redis-server on 127.0.0.1 (no persistence) and an embedded KRaft broker \
          in the benchmark's JVM, same machine.

          Workload: %,d jobs stored in Redis as the consumer stores them, then drained by one \
          `KarafkaWorker` (%d threads, prefetch 1) whose controller responds to one topic (4 \
          partitions) through `KafkaProducerPool` (connection pool 5, `acks=all`); a job is \
          completed only once Kafka acknowledged its response. One warm-up round, then the median \
          of 3 rounds, the variants interleaved in each round.

          | perform | jobs/s (median) | ratio to no-op | rounds |
          |---|---|---|---|
          %s
          Target (issue "Throughput of real work"): ≥ 40,000 jobs/s with a response on Redis, \
          end to end.
          """, Benchmarks.machine(), JOBS, CONCURRENCY, rows.toString().strip());
    } finally {
      redis.close();
    }
  }

  private double[] drain(String kind, int round, Map<String, String> producerProperties) {
    String name = "responses-" + kind + "-" + round + "-" + producerProperties.size();
    boolean answers = kind.equals("answer");
    KarafkaApp app = KarafkaApp.builder()
        .setup(c -> c.name(name).jobs(j -> j.concurrency(CONCURRENCY))
            .kafka(k -> {
              k.hosts(kafka.bootstrapServers());
              producerProperties.forEach(k::property);
            }))
        .routes(r -> {
          if (answers) {
            r.topic("work").controller(AnswerController::new).responder(AnswerResponder::new);
          } else {
            r.topic("work").controller(NoopController::new);
          }
        })
        .build();
    RedisJobStore store = new RedisJobStore(RedisSettings.builder("redis://127.0.0.1:" + port
        + "/0").namespace(name).poolSize(16).build(), app.config().jobs(), Clock.systemUTC());
    Producer producer = answers ? new KafkaProducerPool(app) : new InMemoryProducer();
    try (store; producer) {
      enqueue(app, store, round);
      try (KarafkaWorker worker = KarafkaWorker.builder(app, store, producer).build()) {
        long start = System.nanoTime();
        worker.start();
        while (store.stats().processed() < JOBS) {
          Thread.sleep(5);
        }
        return new double[] {JOBS / ((System.nanoTime() - start) / 1e9)};
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void enqueue(KarafkaApp app, RedisJobStore store, int round) {
    Message message = new Message("work", 0, 0, null, "{\"order\":1}".getBytes(), List.of(),
        Instant.EPOCH, Instant.EPOCH);
    String payload = new JsonInterchanger().encode(List.of(RawParams.of(message)));
    for (int batch = 0; batch < JOBS; batch += 1000) {
      List<Job> jobs = new ArrayList<>(1000);
      List<Long> offsets = new ArrayList<>(1000);
      for (int i = batch; i < batch + 1000; i++) {
        jobs.add(Job.create(JobId.of("g", "work", round, i), app.routes().getFirst().worker(),
            "work", payload, Instant.now()));
        offsets.add((long) i);
      }
      store.enqueue(new ConsumedJobs("g", "work", round, "work-topic-id", jobs, offsets));
    }
  }

}
