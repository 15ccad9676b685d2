package io.karafka.kafka;

import io.karafka.app.KarafkaConfig;
import io.karafka.message.Header;
import io.karafka.producer.OutgoingMessage;
import io.karafka.producer.Partitioning;
import io.karafka.producer.Producer;
import io.karafka.testkit.Await;
import io.karafka.testkit.EmbeddedKafka;
import io.karafka.testkit.EmbeddedKafkaExtension;
import io.karafka.testkit.ProducerContract;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The producer contract of the test kit, on the Kafka producer pool and an embedded broker. */
class KafkaProducerPoolIT extends ProducerContract {
  @RegisterExtension
  static final EmbeddedKafkaExtension broker = new EmbeddedKafkaExtension();

  @Override
  protected Producer createProducer() {
    KarafkaConfig config = KarafkaConfig.builder().name("contract")
        .kafka(k -> k.hosts(broker.broker().bootstrapServers())).build();
    return new KafkaProducerPool(config.kafka(), config.connectionPool(), "contract");
  }

  /** A new topic per call: the class's tests share the broker. */
  @Override
  protected String createTopic(int partitions) {
    String topic = "producer-contract-" + UUID.randomUUID();
    broker.broker().createTopic(topic, partitions);
    return topic;
  }

  /** Reads every partition from its start up to the end offsets the broker gives now. */
  @Override
  protected List<Delivered> delivered(String topic) throws Exception {
    EmbeddedKafka kafka = broker.broker();
    int partitions;
    try (Admin admin = KafkaTestSupport.admin(kafka)) {
      partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
          .get(topic).partitions().size();
    }
    Map<TopicPartition, Long> ends = KafkaTestSupport.endOffsets(kafka, topic, partitions);
    Properties p = new Properties();
    p.putAll(kafka.clientProperties());
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p,
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(ends.keySet());
      consumer.seekToBeginning(ends.keySet());
      Await.within(Duration.ofSeconds(30), "reading " + topic + " up to " + ends, () -> {
        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
        return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey())
            >= e.getValue());
      });
    }
    records.sort(Comparator.comparingInt((ConsumerRecord<byte[], byte[]> r) -> r.partition())
        .thenComparingLong(ConsumerRecord::offset));
    return records.stream().map(r -> {
      List<Header> headers = new ArrayList<>();
      r.headers().forEach(h -> headers.add(new Header(h.key(), h.value())));
      return new Delivered(OptionalInt.of(r.partition()), Optional.ofNullable(r.key())
          .map(k -> new String(k, java.nio.charset.StandardCharsets.UTF_8)), r.value(), headers);
    }).toList();
  }

  /** Larger than the producer's max.request.size (1 MB): refused before it is sent. */
  @Override
  protected List<OutgoingMessage> unacknowledgeable(Producer producer, String topic) {
    return List.of(new OutgoingMessage(topic, new byte[2 * 1024 * 1024], Partitioning.any(),
        List.of()));
  }
}
