package io.karafka.benchmarks;

import io.karafka.app.KarafkaApp;
import io.karafka.controller.Controller;
import io.karafka.health.Health;
import io.karafka.health.HealthServer;
import io.karafka.kafka.KafkaMessageSource;
import io.karafka.kafka.KafkaProducerPool;
import io.karafka.monitor.Monitor;
import io.karafka.server.KarafkaServer;
import io.karafka.testkit.EmbeddedKafka;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * {@code GET /health/ready} latency while a server consumes at full speed, beside the same
 * endpoint on an idle server, in one run: a client asks one request after another (as a
 * kubelet's probes would, only far more often) and every answer is timed.
 */
final class HealthLatency {
  private static final int MESSAGES = Integer.getInteger("bench.healthMessages", 4_000_000);
  private static final int CHUNK = 500_000;
  private static final int PARTITIONS = 4;

  /** Counts, and parses each message's params as real controllers do. */
  static final class CountingController extends Controller {
    private final AtomicLong seen;

    CountingController(AtomicLong seen) {
      this.seen = seen;
    }

    @Override
    protected void perform() {
      if (params().value() == null) {
        throw new IllegalStateException("no value");
      }
      seen.incrementAndGet();
    }
  }

  String run() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      kafka.createTopic("health-bench", PARTITIONS);
      for (int from = 0; from < MESSAGES; from += CHUNK) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(CHUNK);
        for (int i = from; i < Math.min(MESSAGES, from + CHUNK); i++) {
          records.add(new ProducerRecord<>("health-bench", i % PARTITIONS, null,
              KafkaThroughput.payload(i, 0)));
        }
        Benchmarks.produce(kafka, records);
      }
      AtomicLong seen = new AtomicLong();
      KarafkaApp app = KarafkaApp.builder()
          .setup(c -> c.name("health-bench").inlineMode(true).monitor(Monitor.none())
              .kafka(k -> k.hosts(kafka.bootstrapServers())))
          .routes(r -> r.topic("health-bench").controller(() -> new CountingController(seen)))
          .build();
      try (KafkaProducerPool producer = new KafkaProducerPool(app);
           KarafkaServer server = KarafkaServer.builder(app).source(new KafkaMessageSource(app))
               .producer(producer).build();
           HealthServer health = HealthServer.start(Health.of(app).server(server),
               new InetSocketAddress("127.0.0.1", 0));
           HttpClient http = HttpClient.newHttpClient()) {
        URI ready = URI.create("http://127.0.0.1:" + health.port() + "/health/ready");
        server.start();
        long[] busy = probe(http, ready, () -> seen.get() < MESSAGES);
        double consumed = seen.get();
        long idleUntil = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long[] idle = probe(http, ready, () -> System.nanoTime() < idleUntil);
        return String.format("""
            ## Health endpoint latency

            Command: `./mvnw -q -B install -DskipTests && ./mvnw -q -B -pl karafka-benchmarks \
            exec:exec -Dbench=health`

            Machine: %s; embedded KRaft broker in the benchmark's JVM.

            Workload: one client asks `GET /health/ready` one request after another (HTTP/1.1,
            keep-alive) while a server of the same process consumes %,d JSON messages on %d
            partitions at full speed (inline mode, every message parsed), then for 10 s while it
            is idle; every answer timed, the first 200 of each phase dropped (warm-up).

            | phase | requests | p50 | p99 | max |
            |---|---|---|---|---|
            | consuming at full speed | %,d | %.2f ms | %.2f ms | %.2f ms |
            | idle | %,d | %.2f ms | %.2f ms | %.2f ms |
            Target (issue "Observe it in production"): p99 under 10 ms while consuming at full \
            speed. All answers were 200 (ready); %,.0f messages consumed meanwhile.
            """, Benchmarks.machine(), MESSAGES, PARTITIONS, busy[3], busy[0] / 1e6,
            busy[1] / 1e6, busy[2] / 1e6, idle[3], idle[0] / 1e6, idle[1] / 1e6,
            idle[2] / 1e6, consumed);
      }
    }
  }

  /** @return p50, p99, max (ns) and the count of the requests made while {@code go} holds */
  private static long[] probe(HttpClient http, URI uri, java.util.function.BooleanSupplier go)
      throws Exception {
    List<Long> times = new ArrayList<>();
    HttpRequest request = HttpRequest.newBuilder(uri).build();
    while (go.getAsBoolean()) {
      long start = System.nanoTime();
      HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
      long took = System.nanoTime() - start;
      if (answer.statusCode() == 200) {
        times.add(took);
      } else if (!times.isEmpty()) {
        throw new IllegalStateException("not ready while consuming: " + answer.body());
      }
    }
    long[] sorted = times.stream().skip(Math.min(200, times.size() / 2)).mapToLong(Long::longValue)
        .sorted().toArray();
    if (sorted.length == 0) {
      throw new IllegalStateException("no answer was timed");
    }
    Arrays.sort(sorted);
    return new long[] {sorted[sorted.length / 2], sorted[(int) (sorted.length * 0.99)],
        sorted[sorted.length - 1], sorted.length};
  }
}
