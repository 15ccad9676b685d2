package io.karafka.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.app.KarafkaConfig;
import io.karafka.message.Header;
import io.karafka.producer.OutgoingMessage;
import io.karafka.producer.Partitioning;
import io.karafka.producer.ProducerException;
import io.karafka.testkit.Await;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class KafkaProducerPoolTest {
  private static OutgoingMessage message(Partitioning partitioning) {
    return new OutgoingMessage("t", "v".getBytes(StandardCharsets.UTF_8), partitioning,
        List.of(Header.of("h", "x")));
  }

  @Test
  void partitioningBecomesTheRecordsPartitionOrKey() {
    ProducerRecord<byte[], byte[]> fixed = KafkaProducerPool.record(
        message(Partitioning.partition(3)));
    assertEquals(3, fixed.partition());
    assertNull(fixed.key());
    ProducerRecord<byte[], byte[]> keyed = KafkaProducerPool.record(
        message(Partitioning.key("user-1")));
    assertNull(keyed.partition());
    assertEquals("user-1", new String(keyed.key(), StandardCharsets.UTF_8));
    ProducerRecord<byte[], byte[]> any = KafkaProducerPool.record(message(Partitioning.any()));
    assertNull(any.partition());
    assertNull(any.key());
    assertEquals("x", new String(any.headers().lastHeader("h").value(), StandardCharsets.UTF_8));
  }

  @Test
  void waitingLongerThanThePoolTimeoutForAProducerFails() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    KarafkaConfig config = KarafkaConfig.builder().name("pool")
        .kafka(k -> k.hosts("127.0.0.1:" + closedPort).property("max.block.ms", "3000"))
        .connectionPool(p -> p.size(1).timeout(Duration.ofMillis(200))).build();
    try (KafkaProducerPool pool = new KafkaProducerPool(config.kafka(), config.connectionPool(),
        "pool")) {
      FutureTask<Void> blocked = new FutureTask<>(
          () -> pool.send(List.of(message(Partitioning.any()))), null);
      Thread first = Thread.ofPlatform().daemon().name("first-send").start(blocked);
      // the first send holds the only producer (made for it) until Kafka answers: never
      Await.within(Duration.ofSeconds(10), "the first send inside KafkaProducer",
          () -> Arrays.stream(first.getStackTrace()).anyMatch(frame -> frame.getClassName()
              .equals(KafkaProducer.class.getName())));
      ProducerException e = assertThrows(ProducerException.class,
          () -> pool.send(List.of(message(Partitioning.any()))));
      assertEquals("no producer became free within PT0.2S (connectionPool.size 1); raise"
          + " connectionPool.size or connectionPool.timeout", e.getMessage());
      Exception failure = assertThrows(ExecutionException.class,
          () -> blocked.get(30, TimeUnit.SECONDS));
      assertTrue(failure.getCause() instanceof ProducerException, failure.toString());
    }
  }
}
