package io.karafka.kafka;

import static io.karafka.kafka.KafkaTestSupport.await;
import static io.karafka.kafka.KafkaTestSupport.committed;
import static io.karafka.kafka.KafkaTestSupport.endOffsets;
import static io.karafka.kafka.KafkaTestSupport.produce;
import static io.karafka.kafka.KafkaTestSupport.readAll;
import static io.karafka.kafka.KafkaTestSupport.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.app.KarafkaApp;
import io.karafka.server.KarafkaServer;
import io.karafka.topic.TopicMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

class KafkaMessageSourceIT extends OnEmbeddedBroker {
  List<String> logOf(String prefix) {
    return handled.log().stream().filter(l -> l.startsWith(prefix)).toList();
  }

  private static String json(int n, String extra) {
    return "{\"n\":" + n + extra + "}";
  }

  @Test
  void inlineRespondsThroughTheMapperWithKeysAndPartitionsAndCommitsOnClose() throws Exception {
    kafka.createTopics(Map.of("it1.orders", 4, "it1.orders_confirmed", 4, "it1.orders_audit", 2));
    KarafkaApp app = app("shop", c -> c.topicMapper(TopicMapper.prefix("it1"))
            .kafka(k -> k.offsetCommitInterval(Duration.ofHours(1))),
        r -> r.topic("orders").controller(() -> new Handled.OrdersController(handled,
            "shop_orders")).responder(Handled.OrdersResponder.class));
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      records.add(record("it1.orders", i % 4, "k" + i, json(i, ",\"respond\":true,\"customer\":\"c"
          + (i % 3) + "\"" + (i % 10 == 0 ? ",\"audit\":1" : ""))));
    }
    KarafkaServer server = start(app);
    produce(kafka, records);
    await("40 orders", () -> handled.size() >= 40);
    server.close();

    assertEquals(40, handled.size());
    Map<Integer, Long> lastOffset = new HashMap<>();
    for (String line : handled.log()) {
      assertTrue(line.startsWith("shop_orders:orders/"), line);
      int partition = Integer.parseInt(line.substring(line.indexOf('/') + 1, line.indexOf('@')));
      long offset = Long.parseLong(line.substring(line.indexOf('@') + 1, line.indexOf(' ')));
      assertTrue(offset > lastOffset.getOrDefault(partition, -1L), "order within " + line);
      lastOffset.put(partition, offset);
    }
    List<ConsumerRecord<byte[], byte[]>> confirmed = readAll(kafka,
        List.of("it1.orders_confirmed"), 40);
    assertEquals(40, confirmed.size());
    Map<String, Integer> partitionOfKey = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : confirmed) {
      String key = new String(r.key(), StandardCharsets.UTF_8);
      assertEquals(partitionOfKey.computeIfAbsent(key, k -> r.partition()), r.partition(),
          "one partition per key " + key);
    }
    assertEquals(3, partitionOfKey.size());
    List<ConsumerRecord<byte[], byte[]>> audit = readAll(kafka, List.of("it1.orders_audit"), 4);
    assertEquals(4, audit.size());
    assertTrue(audit.stream().allMatch(r -> r.partition() == 1));
    assertEquals(endOffsets(kafka, "it1.orders", 4), committed(kafka, "shop_orders"),
        "everything handled is committed on close");
  }

  @Test
  void severalTopicsInSeveralGroupsAreConsumedTogether() throws Exception {
    kafka.createTopics(Map.of("it6.a", 2, "it6.b", 3, "it6.c", 1));
    KarafkaApp app = app("multi", c -> { }, r -> {
      r.topic("it6.a").controller(() -> new Handled.OrdersController(handled, "multi_it6.a"));
      r.topic("it6.b").controller(() -> new Handled.OrdersController(handled, "shared_b"))
          .group("shared_b");
      r.topic("it6.c").controller(() -> new Handled.BatchController(handled)).batchMode(true);
    });
    KarafkaServer server = start(app);
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      records.add(record("it6.a", i % 2, null, json(i, "")));
      records.add(record("it6.b", i % 3, null, json(i, "")));
      records.add(record("it6.c", 0, null, json(i, "")));
    }
    produce(kafka, records);
    await("90 messages", () -> logOf("multi_it6.a:").size() == 30
        && logOf("shared_b:").size() == 30 && logOf("batch:it6.c").size() == 30);
    server.close();
    assertEquals(endOffsets(kafka, "it6.a", 2), committed(kafka, "multi_it6.a"));
    assertEquals(endOffsets(kafka, "it6.b", 3), committed(kafka, "shared_b"));
    assertEquals(endOffsets(kafka, "it6.c", 1), committed(kafka, "multi_it6.c"));
  }

  @Test
  void anUnreachableClusterIsReportedOnceAfterASessionTimeoutAndTheConsumerKeepsTrying()
      throws Exception {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    io.karafka.testkit.RecordingMonitor monitor = new io.karafka.testkit.RecordingMonitor();
    KarafkaApp app = KarafkaApp.builder()
        .setup(c -> c.name("nowhere").inlineMode(true).monitor(monitor).kafka(k -> k
            .hosts("127.0.0.1:" + closedPort).sessionTimeout(Duration.ofSeconds(2))
            .heartbeatInterval(Duration.ofMillis(500))))
        .routes(r -> r.topic("it7.lost").controller(() -> new Handled.OrdersController(handled,
            "nowhere_it7.lost")))
        .build();
    KafkaMessageSource source = new KafkaMessageSource(app);
    KarafkaServer server = KarafkaServer.builder(app).source(source)
        .producer(new io.karafka.testkit.InMemoryProducer()).build();
    try {
      server.start();
      await("the outage reported", () -> !monitor.events(
          io.karafka.monitor.Event.DependencyDown.class).isEmpty());
      io.karafka.monitor.Event.DependencyDown down = monitor.events(
          io.karafka.monitor.Event.DependencyDown.class).getFirst();
      assertEquals("kafka group nowhere_it7.lost", down.dependency());
      assertEquals(KafkaUnavailableException.class, down.error().getClass());
      assertTrue(down.reason().contains("Kafka at 127.0.0.1:" + closedPort
          + " is unreachable"), down.reason());
      io.karafka.monitor.Dependency state = app.dependencies().all().stream()
          .filter(d -> d.name().equals(down.dependency())).findFirst().orElseThrow();
      await("more failed attempts", () -> state.failedAttempts() >= 10);
      assertEquals(1, monitor.events(io.karafka.monitor.Event.DependencyDown.class).size(),
          "said once, not every poll");
    } finally {
      server.close();
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void aConsumerThatDiesOfAnUnexpectedErrorStopsTheServerWhichSaysWhy() throws Exception {
    kafka.createTopic("it8.fatal", 1);
    java.util.concurrent.atomic.AtomicBoolean broken =
        new java.util.concurrent.atomic.AtomicBoolean();
    KarafkaApp app = app("fatal", c -> { },
        r -> r.topic("it8.fatal").controller(() -> new Handled.OrdersController(handled,
            "fatal_it8.fatal")));
    // the real consumer, but its poll fails once told to: an error kafka-clients cannot retry
    KafkaMessageSource source = new KafkaMessageSource(app, props -> {
      org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]> real =
          new org.apache.kafka.clients.consumer.KafkaConsumer<>(props);
      return (org.apache.kafka.clients.consumer.Consumer<byte[], byte[]>)
          java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
              new Class<?>[] {org.apache.kafka.clients.consumer.Consumer.class},
              (proxy, method, args) -> {
                if (method.getName().equals("poll") && broken.get()) {
                  throw new org.apache.kafka.common.KafkaException("the consumer broke");
                }
                try {
                  return method.invoke(real, args);
                } catch (java.lang.reflect.InvocationTargetException e) {
                  throw e.getCause();
                }
              });
    });
    KarafkaServer server = KarafkaServer.builder(app).source(source)
        .producer(new KafkaProducerPool(app)).build();
    server.start();
    await("partitions assigned", source::assigned);
    broken.set(true);
    java.util.concurrent.CompletableFuture.runAsync(() -> {
      try {
        server.awaitShutdown();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }).get(30, java.util.concurrent.TimeUnit.SECONDS);
    assertEquals("the consumer broke", server.failure().orElseThrow().getMessage());
  }

  @Test
  void batchModeHandsAPollOfAPartitionToOneController() throws Exception {
    kafka.createTopic("it2.events", 1);
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      records.add(record("it2.events", 0, null, json(i, "")));
    }
    produce(kafka, records);
    KarafkaApp app = app("batcher", c -> { },
        r -> r.topic("it2.events").controller(() -> new Handled.BatchController(handled))
            .batchMode(true));
    KarafkaServer server = start(app);
    await("300 events", () -> logOf("batch:it2").size() >= 300);
    server.close();
    List<String> batches = logOf("batch:").stream().filter(l -> !l.contains("@")).toList();
    int total = batches.stream().mapToInt(l -> Integer.parseInt(l.substring(6))).sum();
    assertEquals(300, total);
    assertTrue(batches.size() < 300, "messages arrive in batches: " + batches);
    assertEquals(Map.of(new TopicPartition("it2.events", 0), 300L),
        committed(kafka, "batcher_it2.events"));
  }

  @Test
  void aFailingMessageIsRetriedThenDeadLetteredWithItsMetadata() throws Exception {
    kafka.createTopics(Map.of("it3.orders", 1, "it3.dead", 1));
    io.karafka.testkit.RecordingMonitor events = new io.karafka.testkit.RecordingMonitor();
    KarafkaApp app = app("dlq", c -> c.monitor(events)
            .kafka(k -> k.maxAttempts(3).deadLetterTopic("it3.dead")),
        r -> r.topic("it3.orders").controller(() -> new Handled.OrdersController(handled,
            "dlq_it3.orders")));
    ProducerRecord<byte[], byte[]> bad = record("it3.orders", 0, "bad-key",
        json(1, ",\"fail\":true"));
    bad.headers().add(new RecordHeader("trace", new byte[] {1, 2, (byte) 0xff}));
    String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    bad.headers().add(new RecordHeader("traceparent", traceparent.getBytes(
        StandardCharsets.UTF_8)));
    KarafkaServer server = start(app);
    produce(kafka, List.of(record("it3.orders", 0, null, json(0, "")), bad,
        record("it3.orders", 0, null, json(2, ""))));
    await("the message after the bad one", () -> handled.log().stream()
        .anyMatch(l -> l.endsWith(" 2")));
    server.close();

    assertEquals(List.of("dlq_it3.orders:it3.orders/0@0 0", "dlq_it3.orders:it3.orders/0@1 1",
        "dlq_it3.orders:it3.orders/0@1 1", "dlq_it3.orders:it3.orders/0@1 1",
        "dlq_it3.orders:it3.orders/0@2 2"), handled.log());
    ConsumerRecord<byte[], byte[]> dead = readAll(kafka, List.of("it3.dead"), 1).getFirst();
    assertEquals("bad-key", new String(dead.key(), StandardCharsets.UTF_8));
    assertEquals(json(1, ",\"fail\":true"), new String(dead.value(), StandardCharsets.UTF_8));
    Map<String, String> headers = new HashMap<>();
    dead.headers().forEach(h -> headers.put(h.key(), h.key().equals("trace") ? "binary"
        : new String(h.value(), StandardCharsets.UTF_8)));
    assertEquals("binary", headers.get("trace"));
    assertEquals(traceparent, headers.get("traceparent"), "the dead letter keeps its trace");
    assertEquals("it3.orders", headers.get("karafka.source.topic"));
    assertEquals("0", headers.get("karafka.source.partition"));
    assertEquals("1", headers.get("karafka.source.offset"));
    assertEquals("dlq_it3.orders", headers.get("karafka.source.group"));
    assertEquals("java.lang.IllegalStateException", headers.get("karafka.error.class"));
    assertEquals("order 1 failed", headers.get("karafka.error.message"));
    assertEquals("3", headers.get("karafka.attempts"));
    assertEquals(Map.of(new TopicPartition("it3.orders", 0), 3L), committed(kafka,
        "dlq_it3.orders"));
    assertEquals(List.of(1, 2), events.events(io.karafka.monitor.Event.MessageRetrying.class)
        .stream().map(e -> {
          assertEquals(1, e.offset());
          return e.attempts();
        }).toList(), "each retry told");
    assertEquals(List.of(new io.karafka.monitor.Event.MessagesDeadLettered("dlq_it3.orders",
        "it3.orders", 0, List.of(1L), "it3.dead", 3)),
        events.events(io.karafka.monitor.Event.MessagesDeadLettered.class));
  }

  @Test
  void withoutADeadLetterTopicAFailingMessageIsNeverSkipped() throws Exception {
    kafka.createTopic("it4.orders", 1);
    KarafkaApp app = app("stubborn", c -> c.kafka(k -> k.maxAttempts(2)),
        r -> r.topic("it4.orders").controller(() -> new Handled.OrdersController(handled,
            "stubborn_it4.orders")));
    KarafkaServer server = start(app);
    produce(kafka, List.of(record("it4.orders", 0, null, json(0, "")),
        record("it4.orders", 0, null, json(1, ",\"fail\":true")),
        record("it4.orders", 0, null, json(2, ""))));
    await("several tries", () -> logOf("stubborn_it4.orders:it4.orders/0@1").size() >= 5);
    server.close();
    List<String> log = handled.log();
    assertTrue(log.stream().noneMatch(l -> l.endsWith("@2 2")), log.toString());
    assertEquals(Map.of(new TopicPartition("it4.orders", 0), 1L),
        committed(kafka, "stubborn_it4.orders"), "the healthy message before is committed");
  }

  @Test
  void aMalformedPayloadNeverStopsConsumption() throws Exception {
    kafka.createTopic("it5.orders", 1);
    KarafkaApp app = app("lenient", c -> { },
        r -> r.topic("it5.orders").controller(() -> new Handled.OrdersController(handled,
            "lenient_it5.orders")));
    KarafkaServer server = start(app);
    produce(kafka, List.of(record("it5.orders", 0, null, "{not json"),
        record("it5.orders", 0, null, json(1, ""))));
    await("both", () -> handled.size() >= 2);
    server.close();
    assertEquals(List.of("lenient_it5.orders:it5.orders/0@0 {not json",
        "lenient_it5.orders:it5.orders/0@1 1"), handled.log());
  }
}
