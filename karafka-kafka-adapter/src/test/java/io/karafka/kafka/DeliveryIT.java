package io.karafka.kafka;

import static io.karafka.kafka.KafkaTestSupport.await;
import static io.karafka.kafka.KafkaTestSupport.committed;
import static io.karafka.kafka.KafkaTestSupport.endOffsets;
import static io.karafka.kafka.KafkaTestSupport.produce;
import static io.karafka.kafka.KafkaTestSupport.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.app.KarafkaApp;
import io.karafka.monitor.Dependency;
import io.karafka.monitor.Monitor;
import io.karafka.server.KarafkaServer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;

/** At-least-once across a crash, a rebalance between two instances, a broker restart. */
class DeliveryIT extends OnEmbeddedBroker {
  KarafkaApp app(String topic, String tag, Duration commitInterval) {
    return KarafkaApp.builder()
        .setup(c -> c.name("delivery").inlineMode(true).monitor(Monitor.none())
            .controllerFactory(TaggedController.factory(handled, tag))
            .kafka(k -> k.hosts(kafka.bootstrapServers()).offsetCommitInterval(commitInterval)
                .maxPollRecords(10).sessionTimeout(Duration.ofSeconds(10))
                .heartbeatInterval(Duration.ofSeconds(1))))
        .routes(r -> r.topic(topic).controller(TaggedController.class))
        .build();
  }

  static KarafkaServer server(KarafkaApp app, KafkaMessageSource source) {
    KarafkaServer server = KarafkaServer.builder(app).source(source)
        .producer(new KafkaProducerPool(app)).build();
    server.start();
    return server;
  }

  static List<ProducerRecord<byte[], byte[]>> numbered(String topic, int partitions, int count,
                                                        String extra) {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      records.add(record(topic, i % partitions, null, "{\"n\":" + i + extra + "}"));
    }
    return records;
  }

  Set<String> handledNumbers(String tag) {
    Set<String> numbers = new HashSet<>();
    for (String line : handled.log()) {
      if (tag == null || line.startsWith(tag + ":")) {
        numbers.add(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return numbers;
  }

  /** A consumer whose commits fail once {@code crashed} is set: the process died. */
  @SuppressWarnings("unchecked")
  static Consumer<byte[], byte[]> crashable(Map<String, Object> props, AtomicBoolean crashed) {
    KafkaConsumer<byte[], byte[]> real = new KafkaConsumer<>(props);
    return (Consumer<byte[], byte[]>) Proxy.newProxyInstance(Consumer.class.getClassLoader(),
        new Class<?>[] {Consumer.class}, (proxy, method, args) -> {
          if (crashed.get() && method.getName().startsWith("commit")) {
            throw new KafkaException("process crashed before committing");
          }
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  @Test
  void messagesHandledButNotCommittedBeforeACrashAreDeliveredAgain() throws Exception {
    String topic = "d1.orders";
    kafka.createTopic(topic, 2);
    AtomicBoolean crashed = new AtomicBoolean();
    KarafkaApp first = app(topic, "first", Duration.ofHours(1));
    KafkaMessageSource source = new KafkaMessageSource(first, p -> crashable(p, crashed));
    KarafkaServer server = server(first, source);
    await("assignment", source::assigned);
    produce(kafka, numbered(topic, 2, 30, ""));
    await("some handled", () -> handledNumbers("first").size() >= 10);
    crashed.set(true);
    server.close();
    assertTrue(committed(kafka, "delivery_" + topic).isEmpty(), "nothing was committed");

    KarafkaApp second = app(topic, "second", Duration.ofMillis(100));
    KafkaMessageSource again = new KafkaMessageSource(second);
    KarafkaServer replacement = server(second, again);
    await("all 30 by the replacement", () -> handledNumbers("second").size() == 30);
    replacement.close();
    Set<String> all = new HashSet<>();
    for (int i = 0; i < 30; i++) {
      all.add(String.valueOf(i));
    }
    assertEquals(all, handledNumbers("second"));
    assertEquals(endOffsets(kafka, topic, 2), committed(kafka, "delivery_" + topic));
  }

  @Test
  void twoInstancesShareAGroupThroughARebalanceWithoutLossOrReordering() throws Exception {
    String topic = "d2.orders";
    kafka.createTopic(topic, 4);
    KarafkaApp a = app(topic, "a", Duration.ofMillis(100));
    KafkaMessageSource sourceA = new KafkaMessageSource(a);
    KarafkaServer serverA = server(a, sourceA);
    await("assignment of a", sourceA::assigned);
    produce(kafka, numbered(topic, 4, 400, ",\"slow\":20"));
    await("a started", () -> handledNumbers("a").size() >= 20);
    KarafkaApp b = app(topic, "b", Duration.ofMillis(100));
    KafkaMessageSource sourceB = new KafkaMessageSource(b);
    KarafkaServer serverB = server(b, sourceB);
    await("every message", () -> handledNumbers(null).size() == 400);
    serverA.close();
    serverB.close();

    assertTrue(handledNumbers("b").size() > 0, "b took over partitions");
    Map<String, Long> last = new HashMap<>();
    for (String line : handled.log()) {
      String instance = line.substring(0, line.indexOf(':'));
      String partition = line.substring(line.indexOf('/') + 1, line.indexOf('@'));
      long offset = Long.parseLong(line.substring(line.indexOf('@') + 1, line.indexOf(' ')));
      String key = instance + "/" + partition;
      assertTrue(offset > last.getOrDefault(key, -1L), "in order per partition: " + line);
      last.put(key, offset);
    }
    assertEquals(endOffsets(kafka, topic, 4), committed(kafka, "delivery_" + topic));
  }

  @Test
  void theConsumerResumesWithoutLossAfterTheBrokerRestarts() throws Exception {
    String topic = "d3.orders";
    kafka.createTopic(topic, 1);
    KarafkaApp app = app(topic, "survivor", Duration.ofMillis(100));
    KafkaMessageSource source = new KafkaMessageSource(app);
    KarafkaServer server = server(app, source);
    await("assignment", source::assigned);
    produce(kafka, numbered(topic, 1, 10, ""));
    await("first ten", () -> handledNumbers("survivor").size() == 10);
    kafka.stopBroker();
    Dependency group = app.dependencies().all().stream()
        .filter(d -> d.name().equals("kafka group delivery_" + topic)).findFirst().orElseThrow();
    await("the consumer to find the broker gone", () -> !group.isUp());
    kafka.startBroker();
    List<ProducerRecord<byte[], byte[]>> more = new ArrayList<>();
    for (int i = 10; i < 20; i++) {
      more.add(record(topic, 0, null, "{\"n\":" + i + "}"));
    }
    produce(kafka, more);
    await("all twenty", () -> handledNumbers("survivor").size() == 20);
    server.close();
    assertEquals(endOffsets(kafka, topic, 1), committed(kafka, "delivery_" + topic));
  }
}
