package io.karafka.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * Runs the benchmarks named on the command line (default: all) and writes their results into
 * {@code BENCHMARKS.md}, each suite in its own section, with the machine and the command.
 */
public final class Benchmarks {
  private Benchmarks() {}

  /**
   * @param args suite names: {@code kafka}, {@code redis}, {@code jdbc}, {@code responses},
   *     {@code io}, {@code e2e}, {@code health}, {@code metrics}, {@code web} (comma-separated
   *     or several)
   */
  public static void main(String[] args) throws Exception {
    List<String> suites = args.length == 0
        ? List.of("kafka", "redis", "jdbc", "responses", "io", "e2e", "metrics", "web")
        : Arrays.stream(args).flatMap(a -> Arrays.stream(a.split(","))).toList();
    for (String suite : suites) {
      String section = switch (suite) {
        case "kafka" -> new KafkaThroughput().run();
        case "redis" -> new RedisThroughput().run();
        case "jdbc" -> jdbc();
        case "responses" -> new ResponseThroughput().run();
        case "io" -> new IoBoundThroughput().run();
        case "e2e" -> new EndToEndThroughput().run();
        case "health" -> new HealthLatency().run();
        case "metrics" -> new MetricsThroughput().run();
        case "web" -> new ConsumersPageBenchmark().run();
        default -> throw new IllegalArgumentException("unknown benchmark '" + suite
            + "'; known: kafka, redis, jdbc, responses, io, e2e, health, metrics, web");
      };
      if (section.isEmpty()) {
        System.out.println("a part of " + suite + " only (bench.only): BENCHMARKS.md unchanged");
      } else {
        write(suite, section);
      }
    }
  }

  /** Runs the JDBC job store benchmark (in karafka-queue-jdbc's tests) and keeps its table. */
  private static String jdbc() throws Exception {
    java.io.PrintStream original = System.out;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    System.setOut(new java.io.PrintStream(new java.io.OutputStream() {
      @Override
      public void write(int b) {
        original.write(b);
        captured.write(b);
      }

      @Override
      public void write(byte[] bytes, int offset, int length) {
        original.write(bytes, offset, length);
        captured.write(bytes, offset, length);
      }
    }, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      io.karafka.queue.jdbc.JdbcJobStoreBenchmark.main(new String[0]);
    } finally {
      System.setOut(original);
    }
    return "## PostgreSQL job store\n\nCommand: `./mvnw -q -B install -DskipTests && ./mvnw -q -B"
        + " -pl karafka-benchmarks exec:exec -Dbench=jdbc`\n\nMachine: " + machine()
        + "; PostgreSQL 15 on 127.0.0.1, same machine, default durability (fsync on).\n\n"
        + "Targets: processing ≥ 30,000 jobs/s, enqueue ≥ 60,000 jobs/s, p99 enqueue→start"
        + " < 50 ms at 500 jobs/s. The store's lease commits are asynchronous by default"
        + " (`asyncLeaseCommits`); enqueue commits are durable.\n\n```\n"
        + captured.toString(java.nio.charset.StandardCharsets.UTF_8).strip() + "\n```\n";
  }

  /** @return the median of the values (the upper one of an even count) */
  static double median(java.util.List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).sorted().toArray()[values.size() / 2];
  }

  /** Produces the records and waits until the broker acknowledged every one. */
  static void produce(io.karafka.testkit.EmbeddedKafka kafka,
                      java.util.List<org.apache.kafka.clients.producer.ProducerRecord<byte[], byte[]>>
                          records) throws Exception {
    java.util.Map<String, Object> p = new java.util.HashMap<>();
    p.put(org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        kafka.bootstrapServers());
    p.put(org.apache.kafka.clients.producer.ProducerConfig.LINGER_MS_CONFIG, 20);
    try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<byte[], byte[]>(p,
        new org.apache.kafka.common.serialization.ByteArraySerializer(),
        new org.apache.kafka.common.serialization.ByteArraySerializer())) {
      java.util.List<java.util.concurrent.Future<?>> acks = new java.util.ArrayList<>();
      for (var record : records) {
        acks.add(producer.send(record));
      }
      producer.flush();
      for (java.util.concurrent.Future<?> ack : acks) {
        ack.get(); // a record the broker refused fails the run, not the measurement
      }
    }
  }

  static String machine() {
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
        .getOperatingSystemMXBean();
    return Runtime.getRuntime().availableProcessors() + " cores, "
        + os.getTotalMemorySize() / (1024 * 1024 * 1024) + " GiB, " + System.getProperty("os.name")
        + " " + System.getProperty("os.version") + ", Java " + System.getProperty("java.version")
        + " (" + System.getProperty("java.vm.name") + "), heap " + Runtime.getRuntime().maxMemory()
        / (1024 * 1024) + " MiB, " + LocalDate.now();
  }

  private static void write(String suite, String section) throws IOException {
    Path file = Path.of("BENCHMARKS.md");
    String text = Files.exists(file) ? Files.readString(file)
        : "# Benchmarks\n\nRatios are measured side by side in one run on the same machine;"
            + " absolute numbers move ±20% between runs on these shared 2-core machines.\n";
    String start = "<!-- " + suite + ":start -->";
    String end = "<!-- " + suite + ":end -->";
    String block = start + "\n" + section.strip() + "\n" + end;
    int from = text.indexOf(start);
    int to = text.indexOf(end);
    text = from >= 0 && to > from ? text.substring(0, from) + block
        + text.substring(to + end.length()) : text.stripTrailing() + "\n\n" + block + "\n";
    Files.writeString(file, text);
    System.out.println(section);
    System.out.println("written to " + file.toAbsolutePath());
  }
}
