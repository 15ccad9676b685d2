package io.karafka.kafka;

import static io.karafka.kafka.KafkaTestSupport.committed;
import static io.karafka.kafka.KafkaTestSupport.produce;
import static io.karafka.kafka.KafkaTestSupport.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.testkit.EmbeddedKafka;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** SIGTERM stops a server process gracefully: in-flight work finishes and offsets are committed. */
class ShutdownIT {
  @Test
  void sigtermCommitsWhatWasHandledBeforeTheProcessExits() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      kafka.createTopic("s1.orders", 2);
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
          SigtermMain.class.getName(), kafka.bootstrapServers(), "s1.orders")
          .redirectErrorStream(true).start();
      BlockingQueue<String> lines = new LinkedBlockingQueue<>();
      Thread reader = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
            child.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = in.readLine()) != null) {
            lines.add(line);
          }
        } catch (Exception e) {
          lines.add("reader failed: " + e);
        }
      });
      reader.start();
      try {
        awaitLine(lines, "ready");
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
          records.add(record("s1.orders", i % 2, null, "{\"n\":" + i + "}"));
        }
        produce(kafka, records);
        awaitLine(lines, "handled 40");
        assertTrue(committed(kafka, "sigterm_s1.orders").isEmpty(),
            "the commit interval is an hour: nothing committed yet");
        child.toHandle().destroy(); // SIGTERM, keeping the output stream open
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the process exits");
        awaitLine(lines, "closed");
      } finally {
        child.destroyForcibly();
        reader.join(5000);
      }
      assertEquals(Map.of(new TopicPartition("s1.orders", 0), 20L,
          new TopicPartition("s1.orders", 1), 20L), committed(kafka, "sigterm_s1.orders"));
    }
  }

  private static void awaitLine(BlockingQueue<String> lines, String expected) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    List<String> seen = new ArrayList<>();
    while (System.nanoTime() < deadline) {
      String line = lines.poll(100, TimeUnit.MILLISECONDS);
      if (line != null) {
        seen.add(line);
        if (line.equals(expected)) {
          return;
        }
      }
    }
    throw new AssertionError("the child process never printed '" + expected + "'; it printed "
        + seen);
  }
}
