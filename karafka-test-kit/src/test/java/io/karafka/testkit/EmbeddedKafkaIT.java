package io.karafka.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaIT {
  @Test
  void aRealBrokerTakesAndGivesBackMessages() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      kafka.createTopic("greetings", 2);
      kafka.createTopic("greetings", 2);
      Properties p = new Properties();
      p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
          new StringSerializer())) {
        producer.send(new ProducerRecord<>("greetings", 1, "k", "hello")).get();
      }
      Properties c = new Properties();
      c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
      c.put(ConsumerConfig.GROUP_ID_CONFIG, "g");
      c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
      try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c,
          new StringDeserializer(), new StringDeserializer())) {
        consumer.subscribe(List.of("greetings"));
        ConsumerRecords<String, String> records = ConsumerRecords.empty();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (records.isEmpty() && System.nanoTime() < deadline) {
          records = consumer.poll(Duration.ofMillis(200));
        }
        assertEquals("hello", records.iterator().next().value());
        assertEquals(1, records.iterator().next().partition());
      }
    }
  }

  /**
   * KAFKA-15591: a producer writing to a partition the broker has in its metadata cache but not
   * yet in its replica manager loses its first request. createTopics must return only after
   * the partitions take writes, so many partitions written at once, right after creation, with
   * several requests in flight each, all land.
   */
  @Test
  void topicsTakeWritesAsSoonAsCreateTopicsReturns() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      for (int round = 0; round < 5; round++) {
        String topic = "fresh-" + round;
        kafka.createTopic(topic, 12);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "20000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "64");
        List<java.util.concurrent.Future<?>> sent = new java.util.ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p,
            new StringSerializer(), new StringSerializer())) {
          for (int i = 0; i < 240; i++) {
            sent.add(producer.send(new ProducerRecord<>(topic, i % 12, null, "m" + i)));
          }
          producer.flush();
          for (java.util.concurrent.Future<?> f : sent) {
            f.get(); // would fail with a TimeoutException after OUT_OF_ORDER_SEQUENCE_NUMBER
          }
        }
      }
    }
  }
}
