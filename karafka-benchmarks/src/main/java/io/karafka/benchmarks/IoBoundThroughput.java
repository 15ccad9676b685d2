package io.karafka.benchmarks;

import io.karafka.app.KarafkaApp;
import io.karafka.controller.Controller;
import io.karafka.kafka.KafkaMessageSource;
import io.karafka.kafka.KafkaProducerPool;
import io.karafka.server.KarafkaServer;
import io.karafka.testkit.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Controllers that wait on IO (1 ms of blocking per message, as a database call would), 4
 * partitions, in partition order: a hand-written kafka-clients consumer with one thread per
 * partition, Karafka with a pool of 2 platform threads (the number of processors here, the
 * earlier default), Karafka's default, a virtual thread per partition at work, and per-key mode
 * (10,000 keys: in parallel across keys, in order per key).
 */
final class IoBoundThroughput {
  private static final int MESSAGES = Integer.getInteger("bench.ioMessages", 40_000);
  private static final int PARTITIONS = 4;
  private static final Duration WORK = Duration.ofMillis(1);
  private static final String TOPIC = "io";

  /** When the first and the last message of a run were handled, and how many were. */
  static final class Progress {
    final AtomicLong count = new AtomicLong();
    final AtomicLong first = new AtomicLong();
    final AtomicLong last = new AtomicLong();

    void handled() throws InterruptedException {
      Thread.sleep(WORK);
      long now = System.nanoTime();
      first.compareAndSet(0, now);
      if (count.incrementAndGet() == MESSAGES) {
        last.set(now);
      }
    }

    double rate() {
      return MESSAGES / ((last.get() - first.get()) / 1e9);
    }
  }

  /** Waits 1 ms per message, like a controller that calls a database. */
  public static class WaitingController extends Controller {
    private final Progress progress;

    WaitingController(Progress progress) {
      this.progress = progress;
    }

    @Override
    protected void perform() throws InterruptedException {
      progress.handled();
    }
  }

  private EmbeddedKafka kafka;

  String run() throws Exception {
    try (EmbeddedKafka broker = EmbeddedKafka.start()) {
      kafka = broker;
      kafka.createTopic(TOPIC, PARTITIONS);
      List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(MESSAGES);
      for (int i = 0; i < MESSAGES; i++) {
        records.add(new ProducerRecord<>(TOPIC, i % PARTITIONS,
            ("key-" + i % 10_000).getBytes(StandardCharsets.UTF_8),
            ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8)));
      }
      Benchmarks.produce(kafka, records);
      Map<String, List<Double>> rates = new LinkedHashMap<>();
      for (int round = 0; round < 4; round++) { // round 0 warms up and is not counted
        Map<String, Double> r = new LinkedHashMap<>();
        r.put("kafka-clients, one consumer thread per partition (4 threads)", handWritten(round));
        r.put("Karafka inline mode, `kafka.consumerThreads` 2 (platform pool)",
            karafka(round, 2, false));
        r.put("Karafka inline mode, default (a virtual thread per partition)",
            karafka(round, 0, false));
        r.put("Karafka inline mode, per-key (`.perKey(true)`, 10,000 keys)",
            karafka(round, 0, true));
        System.out.println("round " + round + ": " + r);
        if (round > 0) {
          r.forEach((k, v) -> rates.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
        }
      }
      double base = Benchmarks.median(rates.values().iterator().next());
      StringBuilder rows = new StringBuilder();
      rates.forEach((name, values) -> rows.append(String.format("| %s | %,.0f | %.2f | %s |%n",
          name, Benchmarks.median(values), Benchmarks.median(values) / base,
          values.stream().map(v -> String.format("%,.0f", v)).toList())));
      return String.format("""
          ## IO-bound controllers, in partition order

          Command: `./mvnw -q -B install -DskipTests && ./mvnw -q -B -pl karafka-benchmarks \
          exec:exec -Dbench=io`

          Machine: %s; embedded KRaft broker in the benchmark's JVM.

          Workload: %,d messages on %d partitions; handling one waits %d ms (`Thread.sleep`, as a \
          database call would) and messages of a partition are handled in offset order. One \
          warm-up round, then the median of 3 rounds, the variants interleaved; timed from the \
          first to the last message handled. The ceiling in partition order is %d partitions / \
          %d ms = %,d msgs/s.

          | consumer | msgs/s (median) | ratio to kafka-clients | rounds |
          |---|---|---|---|
          %s
          Targets (issue "Throughput of real work"): per-key ≥ 20,000 msgs/s and at least 5x \
          both the hand-written consumer and partition order.
          """, Benchmarks.machine(), MESSAGES, PARTITIONS, WORK.toMillis(), PARTITIONS,
          WORK.toMillis(), PARTITIONS * 1000 / WORK.toMillis(), rows.toString().strip());
    }
  }

  /** One KafkaConsumer and thread per partition, as Spring Kafka's concurrency = partitions. */
  private double handWritten(int round) throws Exception {
    Progress progress = new Progress();
    List<Thread> threads = new ArrayList<>();
    for (int partition = 0; partition < PARTITIONS; partition++) {
      TopicPartition tp = new TopicPartition(TOPIC, partition);
      threads.add(Thread.ofPlatform().name("loop-" + partition).start(() -> {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "io-loop-" + round);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p,
            new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
          consumer.assign(List.of(tp));
          consumer.seekToBeginning(List.of(tp));
          while (progress.count.get() < MESSAGES) {
            var records = consumer.poll(Duration.ofMillis(100));
            for (ConsumerRecord<byte[], byte[]> r : records) {
              progress.handled();
            }
            if (!records.isEmpty()) {
              consumer.commitAsync();
            }
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
    }
    for (Thread t : threads) {
      t.join();
    }
    return progress.rate();
  }

  private double karafka(int round, int consumerThreads, boolean perKey) throws Exception {
    Progress progress = new Progress();
    KarafkaApp app = KarafkaApp.builder()
        .setup(c -> c.name("io-" + consumerThreads + "-" + perKey + "-" + round).inlineMode(true)
            .kafka(k -> k.hosts(kafka.bootstrapServers()).consumerThreads(consumerThreads)))
        .routes(r -> r.topic(TOPIC).controller(() -> new WaitingController(progress))
            .perKey(perKey))
        .build();
    try (KafkaProducerPool producer = new KafkaProducerPool(app);
         KarafkaServer server = KarafkaServer.builder(app).source(new KafkaMessageSource(app))
             .producer(producer).build()) {
      server.start();
      while (progress.last.get() == 0) {
        Thread.sleep(5);
      }
    }
    return progress.rate();
  }
}
