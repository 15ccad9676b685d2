package io.karafka.benchmarks;

import io.karafka.app.KarafkaApp;
import io.karafka.kafka.KafkaMessageSource;
import io.karafka.kafka.KafkaProducerPool;
import io.karafka.micrometer.KarafkaMetrics;
import io.karafka.monitor.LoggingMonitor;
import io.karafka.monitor.Monitor;
import io.karafka.server.KarafkaServer;
import io.karafka.testkit.EmbeddedKafka;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * What karafka-micrometer costs: Karafka's inline consumer on the Kafka benchmark's workload,
 * with the default monitor (logging only) and with the logging monitor combined with
 * {@link KarafkaMetrics} on a Prometheus registry (every event counted and timed, the app and
 * the server bound, the lag sampled), the two variants alternating round by round.
 */
final class MetricsThroughput {
  private static final int MESSAGES = Integer.getInteger("bench.messages", 1_000_000);
  private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
  private static final int WARMUPS = Integer.getInteger("bench.warmups", 3);
  private static final int PARTITIONS = 4;
  private static final String TOPIC = "metrics-bench";

  private final Counts counts = new Counts(MESSAGES);
  private EmbeddedKafka kafka;

  String run() throws Exception {
    try (EmbeddedKafka broker = EmbeddedKafka.start()) {
      kafka = broker;
      kafka.createTopic(TOPIC, PARTITIONS);
      for (int from = 0; from < MESSAGES; from += 100_000) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = from; i < Math.min(MESSAGES, from + 100_000); i++) {
          records.add(new ProducerRecord<>(TOPIC, i % PARTITIONS, null,
              KafkaThroughput.payload(i, 0)));
        }
        Benchmarks.produce(kafka, records);
      }
      List<Double> plain = new ArrayList<>();
      List<Double> metered = new ArrayList<>();
      List<Double> plainCpu = new ArrayList<>();
      List<Double> meteredCpu = new ArrayList<>();
      List<Double> ratios = new ArrayList<>();
      for (int round = -WARMUPS; round < ROUNDS; round++) {
        // alternate which goes first, so neither always runs on a warmer JVM
        boolean meteredFirst = Math.floorMod(round, 2) == 1;
        double[] a = round(round, meteredFirst);
        double[] b = round(round, !meteredFirst);
        double[] withMetrics = meteredFirst ? a : b;
        double[] without = meteredFirst ? b : a;
        System.out.printf("round %d: without %.0f msgs/s (%.2f µs CPU), with metrics %.0f"
            + " msgs/s (%.2f µs CPU)%n", round, without[0], without[1], withMetrics[0],
            withMetrics[1]);
        if (round >= 0) {
          plain.add(without[0]);
          plainCpu.add(without[1]);
          metered.add(withMetrics[0]);
          meteredCpu.add(withMetrics[1]);
          ratios.add(withMetrics[0] / without[0]);
        }
      }
      double rate = Benchmarks.median(plain);
      double meteredRate = Benchmarks.median(metered);
      double cpu = Benchmarks.median(plainCpu);
      double meteredCpuMedian = Benchmarks.median(meteredCpu);
      return "## Metrics overhead (karafka-micrometer)\n\n"
          + "Command: `./mvnw -q -B install -DskipTests && ./mvnw -q -B -pl karafka-benchmarks"
          + " exec:exec -Dbench=metrics -Dbench.messages=3000000 -Dbench.rounds=7` (rounds of"
          + " 3 s: with 1,000,000 messages, rounds of 1 s, the ratio of a round moved between"
          + " 0.64 and 1.49)\n\nMachine: " + Benchmarks.machine() + "\n\n"
          + String.format("Workload: the Kafka benchmark's %,d JSON messages, %d partitions,"
              + " Karafka inline mode with a no-op perform (params parsed); %d warm-up rounds,"
              + " then the median of %d rounds, the two variants alternating. With metrics:"
              + " `Monitor.combine(new LoggingMonitor(), metrics)`, `KarafkaMetrics` on a"
              + " `PrometheusMeterRegistry`, `bind(app)` and `bind(server)` (each message: a"
              + " received count per poll, a performed count and a perform timer).%n%n",
              MESSAGES, PARTITIONS, WARMUPS, ROUNDS)
          + "| monitor | msgs/s (median) | ratio | CPU per message | target | all rounds |\n"
          + "|---|---|---|---|---|---|\n"
          + row("LoggingMonitor (the default)", rate, rate, cpu, "—", plain)
          + row("LoggingMonitor + KarafkaMetrics (Prometheus)", meteredRate, rate,
              meteredCpuMedian, "≥ 0.95", metered)
          + String.format("%nThe two variants of a round run one after the other: the median of"
              + " the rounds' own ratios (with / without) is %.2f %s. CPU per message is the"
              + " process's CPU time over the round (the in-JVM broker's share included, the"
              + " same for both): %+.1f%% with metrics. One event costs the monitor about 20 ns"
              + " for a performed message and 10 ns for a poll's batch (single thread, measured"
              + " apart).%n", Benchmarks.median(ratios), ratios.stream().map(r -> String.format(
                  "%.2f", r)).toList(), 100 * (meteredCpuMedian / cpu - 1));
    }
  }

  private static String row(String name, double rate, double base, double cpu, String target,
                            List<Double> all) {
    return String.format("| %s | %,.0f | %.2f | %.2f µs | %s | %s |%n", name, rate, rate / base,
        cpu, target, all.stream().map(r -> String.format("%,.0f", r)).toList());
  }

  /** @return messages per second and process CPU µs per message of one round of a variant */
  private double[] round(int round, boolean withMetrics) throws Exception {
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
        .getOperatingSystemMXBean();
    counts.count.set(0);
    counts.first.set(0);
    counts.last.set(0);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    KarafkaMetrics metrics = new KarafkaMetrics(registry);
    KarafkaApp app = KarafkaApp.builder()
        .setup(c -> {
          c.name((withMetrics ? "metered-" : "plain-") + (round + 100)).inlineMode(true)
              .kafka(k -> k.hosts(kafka.bootstrapServers()).offsetCommitInterval(Duration
                  .ofSeconds(5)));
          if (withMetrics) {
            c.monitor(Monitor.combine(new LoggingMonitor(), metrics));
          }
        })
        .routes(r -> r.topic(TOPIC).controller(() -> new KafkaThroughput.InlineController(
            counts)))
        .build();
    long cpu = os.getProcessCpuTime();
    try (metrics; KafkaProducerPool producer = new KafkaProducerPool(app);
         KarafkaServer server = KarafkaServer.builder(app).source(new KafkaMessageSource(app))
             .producer(producer).build()) {
      if (withMetrics) {
        metrics.bind(app).bind(server);
      }
      server.start();
      while (counts.last.get() == 0) {
        Thread.sleep(1);
      }
    }
    double cpuPerMessage = (os.getProcessCpuTime() - cpu) / 1e3 / MESSAGES;
    if (withMetrics && registry.get("karafka.messages.performed").counters().stream()
        .mapToDouble(c -> c.count()).sum() < MESSAGES) {
      throw new IllegalStateException("the metrics missed messages: " + registry.scrape());
    }
    return new double[] {MESSAGES / ((counts.last.get() - counts.first.get()) / 1e9),
        cpuPerMessage};
  }
}
