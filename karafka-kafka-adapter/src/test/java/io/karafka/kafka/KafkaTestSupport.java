package io.karafka.kafka;

import io.karafka.testkit.EmbeddedKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Raw kafka-clients helpers for integration tests: produce, read back, offsets. */
final class KafkaTestSupport {
  static final Duration LIMIT = Duration.ofSeconds(60);

  private KafkaTestSupport() {}

  /**
   * Sets the group protocol a parameterized test names: {@code classic} (kafka-clients' default
   * assignors), {@code classic-cooperative} (the cooperative-sticky assignor, incremental
   * rebalances) or {@code consumer} (KIP-848, assignment on the broker).
   */
  static io.karafka.app.KafkaSettings.Builder groupProtocol(io.karafka.app.KafkaSettings.Builder k,
                                                            String protocol) {
    return switch (protocol) {
      case "classic" -> k.property("group.protocol", "classic");
      case "classic-cooperative" -> k.property("group.protocol", "classic").property(
          "partition.assignment.strategy",
          "org.apache.kafka.clients.consumer.CooperativeStickyAssignor");
      case "consumer" -> k.property("group.protocol", "consumer");
      default -> throw new IllegalArgumentException("no group protocol " + protocol);
    };
  }

  static void produce(EmbeddedKafka kafka, List<ProducerRecord<byte[], byte[]>> records)
      throws Exception {
    Properties p = new Properties();
    p.putAll(kafka.clientProperties());
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p,
        new ByteArraySerializer(), new ByteArraySerializer())) {
      List<java.util.concurrent.Future<?>> sent = new ArrayList<>(records.size());
      for (ProducerRecord<byte[], byte[]> r : records) {
        sent.add(producer.send(r));
      }
      producer.flush();
      for (java.util.concurrent.Future<?> f : sent) {
        f.get(); // a record the broker refused fails the test here, not as a missing message
      }
    }
  }

  /**
   * @return {@code count} orders for {@link Handled.OrdersController} that ask for a response,
   *     spread over the partitions and over {@code customers} partition keys
   */
  static List<ProducerRecord<byte[], byte[]>> orders(String topic, int count, int partitions,
                                                     int customers) {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      records.add(record(topic, i % partitions, "k" + i, "{\"n\":" + i
          + ",\"respond\":true,\"customer\":\"c" + (i % customers) + "\"}"));
    }
    return records;
  }

  static ProducerRecord<byte[], byte[]> record(String topic, int partition, String key,
                                               String value) {
    return new ProducerRecord<>(topic, partition, key == null ? null : bytes(key),
        value == null ? null : bytes(value));
  }

  static byte[] bytes(String text) {
    return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Reads every record of the topics from the beginning until {@code count} arrived. */
  static List<ConsumerRecord<byte[], byte[]>> readAll(EmbeddedKafka kafka, List<String> topics,
                                                      int count) {
    Properties c = new Properties();
    c.putAll(kafka.clientProperties());
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    c.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + System.nanoTime());
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c,
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(topics);
      long deadline = System.nanoTime() + LIMIT.toNanos();
      while (all.size() < count && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(100)).forEach(all::add);
      }
      // a little longer, to see records that should not be there
      consumer.poll(Duration.ofMillis(300)).forEach(all::add);
    }
    return all;
  }

  static Map<TopicPartition, Long> committed(EmbeddedKafka kafka, String group)
      throws Exception {
    try (Admin admin = admin(kafka)) {
      Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata().get();
      Map<TopicPartition, Long> result = new HashMap<>();
      offsets.forEach((tp, o) -> {
        if (o != null) {
          result.put(tp, o.offset());
        }
      });
      return result;
    }
  }

  static Map<TopicPartition, Long> endOffsets(EmbeddedKafka kafka, String topic, int partitions)
      throws Exception {
    try (Admin admin = admin(kafka)) {
      Map<TopicPartition, OffsetSpec> request = new HashMap<>();
      for (int i = 0; i < partitions; i++) {
        request.put(new TopicPartition(topic, i), OffsetSpec.latest());
      }
      Map<TopicPartition, Long> result = new HashMap<>();
      admin.listOffsets(request).all().get().forEach((tp, info) -> result.put(tp, info.offset()));
      return result;
    }
  }

  static Admin admin(EmbeddedKafka kafka) {
    Properties p = new Properties();
    p.putAll(kafka.clientProperties());
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    return Admin.create(p);
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + LIMIT + " waiting for " + what);
      }
      Thread.sleep(10);
    }
  }
}
