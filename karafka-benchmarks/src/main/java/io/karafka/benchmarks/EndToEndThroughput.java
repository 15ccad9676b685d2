package io.karafka.benchmarks;

import io.karafka.app.KarafkaApp;
import io.karafka.job.JobStore;
import io.karafka.kafka.KafkaMessageSource;
import io.karafka.kafka.KafkaProducerPool;
import io.karafka.monitor.Event;
import io.karafka.queue.jdbc.JdbcJobStore;
import io.karafka.queue.jdbc.JdbcSettings;
import io.karafka.queue.redis.RedisJobStore;
import io.karafka.queue.redis.RedisSettings;
import io.karafka.server.KarafkaServer;
import io.karafka.testkit.EmbeddedKafka;
import io.karafka.testkit.LocalPostgres;
import io.karafka.worker.KarafkaWorker;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Background mode end to end: messages in Kafka, consumed and enqueued by a {@code KarafkaServer},
 * performed by a {@code KarafkaWorker} in the same process, on Redis and on PostgreSQL, with a
 * no-op perform and with one that responds to a topic; timed from the server's start to the last
 * job performed.
 */
final class EndToEndThroughput {
  private static final int MESSAGES = Integer.getInteger("bench.e2eMessages", 20_000);
  private EmbeddedKafka kafka;
  private BenchRedis redis;
  private LocalPostgres postgres;
  private int runs;

  String run() throws Exception {
    try (EmbeddedKafka broker = EmbeddedKafka.start();
         BenchRedis redisServer = BenchRedis.start("bench-e2e");
         LocalPostgres pg = LocalPostgres.start(true)) {
      kafka = broker;
      redis = redisServer;
      postgres = pg;
      kafka.createTopic("answers", 4);
      Map<String, List<Double>> rates = new LinkedHashMap<>();
      for (int round = 0; round < 4; round++) { // round 0 warms up and is not counted
        for (String variant : List.of("Redis:1", "Redis:100", "PostgreSQL:100")) {
          String store = variant.substring(0, variant.indexOf(':'));
          int prefetch = Integer.parseInt(variant.substring(variant.indexOf(':') + 1));
          for (boolean respond : new boolean[] {false, true}) {
            double rate = once(store, prefetch, respond);
            String name = store + " (prefetch " + prefetch + "), "
                + (respond ? "responds to one topic" : "no-op perform");
            System.out.printf("round %d: %s: %.0f msgs/s%n", round, name, rate);
            if (round > 0) {
              rates.computeIfAbsent(name, k -> new ArrayList<>()).add(rate);
            }
          }
        }
      }
      StringBuilder rows = new StringBuilder();
      rates.forEach((name, values) -> rows.append(String.format("| %s | %,.0f | %s |%n", name,
          Benchmarks.median(values),
          values.stream().map(v -> String.format("%,.0f", v)).toList())));
      return String.format("""
          ## Background mode end to end (Kafka → job store → worker)

          Command: `./mvnw -q -B install -DskipTests && ./mvnw -q -B -pl karafka-benchmarks \
          exec:exec -Dbench=e2e`

          Machine: %s; embedded KRaft broker, redis-server (no persistence) and PostgreSQL \
          (fsync on) on 127.0.0.1, all on the same 2 cores.

          Workload: %,d JSON messages on 4 partitions, a background route: the server consumes \
          and enqueues them, one `KarafkaWorker` (10 threads) in the same process \
          performs them, no-op or responding to one topic through `KafkaProducerPool` (a job is \
          completed once Kafka acknowledged its response). Timed from the server's start to the \
          last job performed. One warm-up round, then the median of 3 rounds.

          | store, perform | msgs/s (median) | rounds |
          |---|---|---|
          %s
          Targets (issue "Throughput of real work"): ≥ 40,000 msgs/s on Redis and ≥ 30,000 on \
          PostgreSQL, for both.
          """, Benchmarks.machine(), MESSAGES, rows.toString().strip());
    }
  }

  private double once(String store, int prefetch, boolean respond) throws Exception {
    int run = ++runs;
    String topic = "e2e-" + run;
    kafka.createTopic(topic, 4);
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(MESSAGES);
    for (int i = 0; i < MESSAGES; i++) {
      records.add(new ProducerRecord<>(topic, i % 4, null,
          ("{\"order\":" + i + "}").getBytes(StandardCharsets.UTF_8)));
    }
    Benchmarks.produce(kafka, records);
    AtomicInteger performed = new AtomicInteger();
    KarafkaApp app = KarafkaApp.builder()
        .setup(c -> c.name("e2e_" + run).inlineMode(false)
            // PostgreSQL pays a transaction per fetch: prefetch 100 (see the jdbc benchmark)
            .jobs(j -> j.concurrency(10).prefetch(prefetch))
            .monitor(event -> {
              if (event instanceof Event.JobPerformed) {
                performed.incrementAndGet();
              }
            })
            .kafka(k -> k.hosts(kafka.bootstrapServers())))
        .routes(r -> {
          if (respond) {
            r.topic(topic).controller(ResponseThroughput.AnswerController::new)
                .responder(ResponseThroughput.AnswerResponder::new);
          } else {
            r.topic(topic).controller(ResponseThroughput.NoopController::new);
          }
        })
        .build();
    JobStore jobs = store.equals("Redis")
        ? new RedisJobStore(RedisSettings.builder("redis://127.0.0.1:" + redis.port + "/0")
            .namespace("e2e" + run).poolSize(16).build(), app.config().jobs(),
            Clock.systemUTC())
        : new JdbcJobStore(JdbcSettings.builder().jdbcUrl(postgres.jdbcUrl())
            .username(LocalPostgres.USER).password(LocalPostgres.PASSWORD)
            .tablePrefix("e2e" + run + "_").poolSize(8).jobs(app.config().jobs()).build(),
            Clock.systemUTC());
    try (jobs; KafkaProducerPool producer = new KafkaProducerPool(app);
         KarafkaWorker worker = KarafkaWorker.builder(app, jobs, producer).build();
         KarafkaServer server = KarafkaServer.builder(app).source(new KafkaMessageSource(app))
             .producer(producer).jobQueue(jobs).build()) {
      long start = System.nanoTime();
      worker.start();
      server.start();
      while (performed.get() < MESSAGES) {
        Thread.sleep(5);
      }
      return MESSAGES / ((System.nanoTime() - start) / 1e9);
    }
  }

}
