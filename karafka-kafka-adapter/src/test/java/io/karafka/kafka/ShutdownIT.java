package io.karafka.kafka;

import static io.karafka.kafka.KafkaTestSupport.committed;
import static io.karafka.kafka.KafkaTestSupport.produce;
import static io.karafka.kafka.KafkaTestSupport.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.testkit.EmbeddedKafka;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** SIGTERM stops a server process gracefully: in-flight work finishes and offsets are committed. */
class ShutdownIT {
  @Test
  void sigtermCommitsWhatWasHandledBeforeTheProcessExits() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      kafka.createTopic("s1.orders", 2);
      try (ChildProcess child = ChildProcess.start(SigtermMain.class,
          kafka.bootstrapServers(), "s1.orders")) {
        child.awaitLine("ready");
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
          records.add(record("s1.orders", i % 2, null, "{\"n\":" + i + "}"));
        }
        produce(kafka, records);
        child.awaitLine("handled 40");
        assertTrue(committed(kafka, "sigterm_s1.orders").isEmpty(),
            "the commit interval is an hour: nothing committed yet");
        assertTrue(child.terminate(), "the process exits");
        child.awaitLine("closed");
      }
      assertEquals(Map.of(new TopicPartition("s1.orders", 0), 20L,
          new TopicPartition("s1.orders", 1), 20L), committed(kafka, "sigterm_s1.orders"));
    }
  }
}
