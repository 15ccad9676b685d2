package io.karafka.kafka;

import io.karafka.message.Header;
import io.karafka.message.Message;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;

/** Polled kafka-clients records as the framework's {@link Message}s. Stateless. */
final class Polled {
  private Polled() {}

  /** @return the records as messages, in order, all received at {@code now} */
  static List<Message> messages(List<ConsumerRecord<byte[], byte[]>> records, Instant now) {
    List<Message> messages = new ArrayList<>(records.size());
    for (ConsumerRecord<byte[], byte[]> r : records) {
      messages.add(new Message(r.topic(), r.partition(), r.offset(), r.key(), r.value(),
          headers(r.headers()), Instant.ofEpochMilli(r.timestamp()), now));
    }
    return messages;
  }

  /** @return the serialized size of the records' keys and values */
  static long bytes(List<ConsumerRecord<byte[], byte[]>> records) {
    long bytes = 0;
    for (ConsumerRecord<byte[], byte[]> r : records) {
      bytes += Math.max(0, r.serializedValueSize()) + Math.max(0, r.serializedKeySize());
    }
    return bytes;
  }

  private static List<Header> headers(Headers headers) {
    org.apache.kafka.common.header.Header[] array = headers.toArray();
    if (array.length == 0) {
      return List.of();
    }
    List<Header> list = new ArrayList<>(array.length);
    for (org.apache.kafka.common.header.Header h : array) {
      list.add(new Header(h.key(), h.value()));
    }
    return list;
  }
}
