package io.karafka.examples.boot;

import io.karafka.testkit.Await;
import io.karafka.testkit.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Sends to and reads from the embedded broker's topics, as the shop's clients would. */
final class Topics implements AutoCloseable {
  private final KafkaConsumer<String, String> consumer;
  private final KafkaProducer<String, String> producer;
  private final List<String> seen = new ArrayList<>();

  /** @param topics read from their beginning */
  Topics(EmbeddedKafka kafka, String... topics) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    consumer.subscribe(List.of(topics));
    Properties out = new Properties();
    out.put("bootstrap.servers", kafka.bootstrapServers());
    producer = new KafkaProducer<>(out, new StringSerializer(), new StringSerializer());
  }

  /** Sends one message and waits for Kafka's acknowledgement. */
  void send(String topic, String json) throws Exception {
    producer.send(new ProducerRecord<>(topic, json)).get();
  }

  /** Waits until a message {@code topic: payload} was read. */
  void await(String topic, String payload) throws InterruptedException {
    String wanted = topic + ": " + payload;
    Await.within(Duration.ofSeconds(60), wanted, () -> {
      consumer.poll(Duration.ofMillis(200)).forEach(record -> seen.add(record.topic() + ": "
          + new String(record.value().getBytes(StandardCharsets.UTF_8),
              StandardCharsets.UTF_8)));
      return seen.contains(wanted);
    });
  }

  @Override
  public void close() {
    consumer.close();
    producer.close();
  }
}
