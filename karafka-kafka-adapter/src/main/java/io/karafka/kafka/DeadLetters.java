package io.karafka.kafka;

import io.karafka.message.Header;
import io.karafka.message.Message;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;

/** Publishes messages that failed too often to the dead-letter topic, key and headers intact. */
final class DeadLetters implements AutoCloseable {
  static final String SOURCE_TOPIC = "karafka.source.topic";
  static final String SOURCE_PARTITION = "karafka.source.partition";
  static final String SOURCE_OFFSET = "karafka.source.offset";
  static final String SOURCE_GROUP = "karafka.source.group";
  static final String ERROR_CLASS = "karafka.error.class";
  static final String ERROR_MESSAGE = "karafka.error.message";
  static final String ATTEMPTS = "karafka.attempts";

  private final SourceParts parts;
  private KafkaProducer<byte[], byte[]> producer;

  DeadLetters(SourceParts parts) {
    this.parts = parts;
  }

  boolean enabled() {
    return parts.kafka().deadLetterTopic().isPresent();
  }

  /** @return Kafka's name of the dead-letter topic */
  String topic() {
    return parts.topicMapper().outgoing(parts.kafka().deadLetterTopic().orElseThrow());
  }

  /** Sends and waits for Kafka's acknowledgement. */
  void publish(String group, List<Message> messages, Throwable error, int attempts)
      throws InterruptedException, ExecutionException {
    String topic = topic();
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    KafkaProducer<byte[], byte[]> sender = producer();
    for (Message m : messages) {
      List<org.apache.kafka.common.header.Header> headers = new ArrayList<>();
      for (Header h : m.headers()) {
        headers.add(new RecordHeader(h.key(), h.value()));
      }
      headers.add(header(SOURCE_TOPIC, m.topic()));
      headers.add(header(SOURCE_PARTITION, String.valueOf(m.partition())));
      headers.add(header(SOURCE_OFFSET, String.valueOf(m.offset())));
      headers.add(header(SOURCE_GROUP, group));
      headers.add(header(ERROR_CLASS, error.getClass().getName()));
      headers.add(header(ERROR_MESSAGE, String.valueOf(error.getMessage())));
      headers.add(header(ATTEMPTS, String.valueOf(attempts)));
      acks.add(sender.send(new ProducerRecord<>(topic, null, m.timestamp().toEpochMilli(),
          m.key(), m.payload(), headers)));
    }
    for (Future<RecordMetadata> ack : acks) {
      ack.get();
    }
  }

  private synchronized KafkaProducer<byte[], byte[]> producer() {
    if (producer == null) {
      producer = new KafkaProducer<>(KafkaClientProperties.producer(parts.kafka(),
          parts.name() + "-dead-letters"));
    }
    return producer;
  }

  private static RecordHeader header(String key, String value) {
    return new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public synchronized void close() {
    if (producer != null) {
      producer.close(java.time.Duration.ofSeconds(10));
    }
  }
}
