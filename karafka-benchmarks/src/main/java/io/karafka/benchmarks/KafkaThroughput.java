package io.karafka.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.karafka.app.KarafkaApp;
import io.karafka.controller.Controller;
import io.karafka.kafka.KafkaMessageSource;
import io.karafka.kafka.KafkaProducerPool;
import io.karafka.params.Params;
import io.karafka.server.KarafkaServer;
import io.karafka.testkit.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Throughput of Karafka's consumer (inline mode, batch mode) against a hand-written kafka-clients
 * poll loop that parses every message with Jackson and commits asynchronously after each poll,
 * on 1,000,000 JSON messages of about 200 bytes in a 4-partition topic of the embedded broker;
 * then produce→perform latency at a steady 10,000 messages/s.
 */
final class KafkaThroughput {
  private static final int MESSAGES = Integer.getInteger("bench.messages", 1_000_000);
  private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
  private static final int WARMUPS = Integer.getInteger("bench.warmups", 3);
  private static final int PARTITIONS = 4;
  private static final String TOPIC = "bench";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** What this run's controllers saw; the routes' factories hand it to them. */
  private final Counts counts = new Counts(MESSAGES);
  private final SendErrors sendErrors = new SendErrors();
  private EmbeddedKafka kafka;

  String run() throws Exception {
    StringBuilder out = new StringBuilder();
    try (EmbeddedKafka broker = EmbeddedKafka.start()) {
      kafka = broker;
      kafka.createTopic(TOPIC, PARTITIONS);
      long bytes = produce();
      Map<String, List<Double>> rates = new HashMap<>();
      String only = System.getProperty("bench.only", "");
      Map<String, List<double[]>> costs = new HashMap<>();
      for (int round = -WARMUPS; round < ROUNDS; round++) {
        final int r = round;
        double base = only.isEmpty() || only.equals("loop")
            ? measured("loop", round, costs, () -> baseline(r)) : 1;
        double inline = only.isEmpty() || only.equals("inline")
            ? measured("inline", round, costs, () -> karafka(r, false)) : 1;
        double batch = only.isEmpty() || only.equals("batch")
            ? measured("batch", round, costs, () -> karafka(r, true)) : 1;
        System.out.printf("round %d: loop %.0f, inline %.0f, batch %.0f msgs/s%n", round, base,
            inline, batch);
        if (round >= 0) {
          rates.computeIfAbsent("loop", k -> new ArrayList<>()).add(base);
          rates.computeIfAbsent("inline", k -> new ArrayList<>()).add(inline);
          rates.computeIfAbsent("batch", k -> new ArrayList<>()).add(batch);
        }
      }
      long[] loopLatency = only.isEmpty() || only.equals("latency") ? latency(false) : null;
      long[] latency = only.isEmpty() || only.equals("latency") ? latency(true) : null;
      if (!only.isEmpty()) {
        if (latency != null) {
          System.out.printf("latency p50/p99/max ms: loop %s, inline %s%n", millis(loopLatency),
              millis(latency));
        }
        return "";
      }
      double loop = Benchmarks.median(rates.get("loop"));
      double inline = Benchmarks.median(rates.get("inline"));
      double batch = Benchmarks.median(rates.get("batch"));
      out.append("## Kafka consumer throughput and latency\n\n")
          .append("Command: `./mvnw -q -B install -DskipTests && ./mvnw -q -B -pl"
              + " karafka-benchmarks exec:exec -Dbench=kafka`\n\n")
          .append("Machine: ").append(Benchmarks.machine()).append("\n\n")
          .append(String.format("Workload: %,d JSON messages of %d bytes on average, %d"
              + " partitions, embedded KRaft broker (Kafka 4.3.1) in the same JVM; %d warm-up"
              + " rounds, then the median of %d rounds; each round reads the topic from the"
              + " beginning with a new consumer group, timed from the first to the last message"
              + " handled. Every variant parses every message with Jackson.%n%n", MESSAGES,
              bytes / MESSAGES, PARTITIONS, WARMUPS, ROUNDS))
          .append("| consumer | msgs/s (median) | ratio to the loop | target | all rounds |\n")
          .append("|---|---|---|---|---|\n")
          .append(row("(a) kafka-clients poll loop, Jackson, commitAsync per poll", loop, loop,
              "—", rates.get("loop")))
          .append(row("Karafka inline mode, no-op perform (params parsed)", inline, loop,
              "≥ 0.9", rates.get("inline")))
          .append(row("Karafka batch mode, no-op perform (params parsed)", batch, loop, "≥ 1.0",
              rates.get("batch")))
          .append(String.format("%nCost per message, the same rounds (medians; process CPU"
              + " time and bytes allocated by every thread, the in-JVM broker's share"
              + " included, which is the same for every variant): loop %.2f µs and %,.0f B,"
              + " inline %.2f µs and %,.0f B (%+.0f%% CPU), batch %.2f µs and %,.0f B (%+.0f%%"
              + " CPU); target for inline: within 10%% of the loop's CPU.%n",
              cost(costs, "loop", 0), cost(costs, "loop", 1), cost(costs, "inline", 0),
              cost(costs, "inline", 1), 100 * (cost(costs, "inline", 0)
                  / cost(costs, "loop", 0) - 1), cost(costs, "batch", 0),
              cost(costs, "batch", 1), 100 * (cost(costs, "batch", 0)
                  / cost(costs, "loop", 0) - 1)))
          .append(String.format("%nLatency, produce (linger 0) → perform, at a steady 10,000"
              + " msgs/s in bursts of 10 a millisecond for 10 s (first 2 s dropped), each"
              + " variant on its own topic: Karafka inline mode p50 %.2f ms, p99 %.2f ms, max"
              + " %.2f ms (%,d samples); the poll loop p50 %.2f ms, p99 %.2f ms, max %.2f ms"
              + " (%,d samples). Target: inline p99 < 5 ms.%n", latency[0] / 1e6,
              latency[1] / 1e6, latency[2] / 1e6, latency[3], loopLatency[0] / 1e6,
              loopLatency[1] / 1e6, loopLatency[2] / 1e6, loopLatency[3]));
    }
    return out.toString();
  }

  private static String millis(long[] latency) {
    return String.format("%.2f/%.2f/%.2f", latency[0] / 1e6, latency[1] / 1e6, latency[2] / 1e6);
  }

  /** A round of one variant, returning its rate. */
  @FunctionalInterface
  private interface Round {
    double run() throws Exception;
  }

  /** Runs a round and keeps its CPU time and allocations per message. */
  private static double measured(String variant, int round, Map<String, List<double[]>> costs,
                                 Round body) throws Exception {
    var os = (com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    var threads = (com.sun.management.ThreadMXBean)
        java.lang.management.ManagementFactory.getThreadMXBean();
    long cpu = os.getProcessCpuTime();
    long allocated = threads.getTotalThreadAllocatedBytes();
    double rate = body.run();
    if (round >= 0) {
      costs.computeIfAbsent(variant, k -> new ArrayList<>()).add(new double[] {
          (os.getProcessCpuTime() - cpu) / 1e3 / MESSAGES,
          (double) (threads.getTotalThreadAllocatedBytes() - allocated) / MESSAGES});
    }
    return rate;
  }

  /** @return the median of one column (0: CPU µs, 1: bytes) of a variant's costs */
  private static double cost(Map<String, List<double[]>> costs, String variant, int column) {
    return Benchmarks.median(costs.get(variant).stream().map(c -> c[column]).toList());
  }

  private static String row(String name, double rate, double loop, String target,
                            List<Double> all) {
    return String.format("| %s | %,.0f | %.2f | %s | %s |%n", name, rate, rate / loop, target,
        all.stream().map(r -> String.format("%,.0f", r)).toList());
  }

  private long produce() throws Exception {
    long bytes = 0;
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps(20))) {
      for (int i = 0; i < MESSAGES; i++) {
        byte[] value = payload(i, 0);
        bytes += value.length;
        producer.send(new ProducerRecord<>(TOPIC, i % PARTITIONS, null, value), sendErrors);
      }
      producer.flush();
    }
    sendErrors.check();
    return bytes;
  }

  static byte[] payload(int i, long sentNanos) {
    return String.format("{\"id\":%d,\"user\":\"user-%06d\",\"action\":\"checkout\","
        + "\"amount\":%d.%02d,\"currency\":\"EUR\",\"sent\":%d,\"items\":[{\"sku\":\"SKU-%05d\","
        + "\"qty\":%d},{\"sku\":\"SKU-%05d\",\"qty\":1}],\"note\":\"benchmark message\"}", i,
        i % 1_000_000, i % 997, i % 100, sentNanos, i % 99_991, 1 + i % 5, (i * 7) % 99_991)
        .getBytes(StandardCharsets.UTF_8);
  }

  private Map<String, Object> producerProps(int lingerMs) {
    Map<String, Object> p = new HashMap<>();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "1");
    p.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return p;
  }

  private double baseline(int round) throws Exception {
    Map<String, Object> p = new HashMap<>();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "loop-" + round);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p,
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(TOPIC));
      long count = 0;
      long first = 0;
      while (count < MESSAGES) {
        var records = consumer.poll(Duration.ofMillis(100));
        for (ConsumerRecord<byte[], byte[]> r : records) {
          if (first == 0) {
            first = System.nanoTime();
          }
          MAPPER.readValue(r.value(), Map.class);
          count++;
        }
        if (!records.isEmpty()) {
          consumer.commitAsync();
        }
      }
      return MESSAGES / ((System.nanoTime() - first) / 1e9);
    }
  }

  /** Parses the params, like the loop parses each message, and counts. */
  public static class InlineController extends Controller {
    private final Counts counts;

    InlineController(Counts counts) {
      this.counts = counts;
    }

    @Override
    protected void perform() {
      Params p = params();
      if (p.value() == null) {
        throw new IllegalStateException("no value");
      }
      counts.seen(p);
    }
  }

  /** Parses every message of the batch and counts. */
  public static class BatchController extends Controller {
    private final Counts counts;

    BatchController(Counts counts) {
      this.counts = counts;
    }

    @Override
    protected void perform() {
      for (Params p : paramsBatch()) {
        if (p.value() == null) {
          throw new IllegalStateException("no value");
        }
        counts.seen(p);
      }
    }
  }

  private KarafkaApp app(String name, String topic, boolean batch) {
    return KarafkaApp.builder()
        .setup(c -> c.name(name).inlineMode(true)
            .kafka(k -> k.hosts(kafka.bootstrapServers()).offsetCommitInterval(Duration
                .ofSeconds(5)).consumerThreads(Integer.getInteger("bench.threads", 0))))
        .routes(r -> r.topic(topic).controller(controllers(batch)).batchMode(batch))
        .build();
  }

  private Supplier<Controller> controllers(boolean batch) {
    return batch ? () -> new BatchController(counts) : () -> new InlineController(counts);
  }

  private double karafka(int round, boolean batch) throws Exception {
    counts.count.set(0);
    counts.first.set(0);
    counts.last.set(0);
    KarafkaApp app = app((batch ? "batch-" : "inline-") + (round + 100), TOPIC, batch);
    try (KafkaProducerPool producer = new KafkaProducerPool(app);
         KarafkaServer server = KarafkaServer.builder(app).source(new KafkaMessageSource(app))
             .producer(producer).build()) {
      server.start();
      StringBuilder trace = new StringBuilder();
      long lastCount = 0;
      long tick = System.nanoTime();
      while (counts.last.get() == 0) {
        Thread.sleep(1);
        if (Boolean.getBoolean("bench.trace") && System.nanoTime() - tick > 50_000_000) {
          long c = counts.count.get();
          trace.append(c - lastCount).append(' ');
          lastCount = c;
          tick = System.nanoTime();
        }
      }
      if (trace.length() > 0) {
        System.out.println("per 50ms: " + trace);
      }
    }
    return MESSAGES / ((counts.last.get() - counts.first.get()) / 1e9);
  }

  /**
   * Latency of the variant: a new topic produced at a steady 10,000 msgs/s for 12 s, in bursts
   * of 10 a millisecond (so the producer does not spin on a core the consumer needs), the first
   * 2 s not recorded.
   *
   * @param karafka Karafka inline mode, else the hand-written poll loop
   * @return p50, p99, max (ns) and the sample count
   */
  private long[] latency(boolean karafka) throws Exception {
    String topic = "latency-" + (karafka ? "inline" : "loop");
    kafka.createTopic(topic, PARTITIONS);
    counts.count.set(0);
    counts.latencyCount.set(0);
    counts.recordLatency = false;
    int rate = 10_000;
    int seconds = 12;
    AtomicBoolean stop = new AtomicBoolean();
    KarafkaApp app = app(topic, topic, false);
    try (KafkaProducerPool pool = new KafkaProducerPool(app);
         KarafkaServer server = KarafkaServer.builder(app).source(new KafkaMessageSource(app))
             .producer(pool).build();
         KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps(0))) {
      Thread loop = null;
      if (karafka) {
        server.start();
      } else {
        loop = Thread.ofPlatform().start(() -> latencyLoop(topic, stop));
      }
      Thread.sleep(3000);
      long start = System.nanoTime();
      int perMilli = rate / 1000;
      for (int ms = 0; ms < seconds * 1000; ms++) {
        LockSupport.parkNanos(start + ms * 1_000_000L - System.nanoTime());
        if (ms == 2000) {
          counts.latencyCount.set(0);
          counts.recordLatency = true;
        }
        for (int j = 0; j < perMilli; j++) {
          int i = ms * perMilli + j;
          producer.send(new ProducerRecord<>(topic, i % PARTITIONS, null,
              payload(i, System.nanoTime())), sendErrors);
        }
      }
      producer.flush();
      sendErrors.check();
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (counts.count.get() < (long) rate * seconds && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      counts.recordLatency = false;
      stop.set(true);
      if (loop != null) {
        loop.join();
      }
    }
    int n = Math.min(counts.latencyCount.get(), counts.latencies.length);
    long[] samples = Arrays.copyOf(counts.latencies, n);
    Arrays.sort(samples);
    return new long[] {samples[n / 2], samples[(int) (n * 0.99)], samples[n - 1], n};
  }

  /** The hand-written loop for {@link #latency}: parses each message and records it. */
  private void latencyLoop(String topic, AtomicBoolean stop) {
    Map<String, Object> p = new HashMap<>();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, topic);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p,
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      while (!stop.get()) {
        var records = consumer.poll(Duration.ofMillis(100));
        for (ConsumerRecord<byte[], byte[]> r : records) {
          counts.seen(MAPPER.readValue(r.value(), Map.class).get("sent"));
        }
        if (!records.isEmpty()) {
          consumer.commitAsync();
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
