package io.karafka.kafka;

import static io.karafka.kafka.KafkaTestSupport.await;
import static io.karafka.kafka.KafkaTestSupport.produce;
import static io.karafka.kafka.KafkaTestSupport.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.app.KarafkaApp;
import io.karafka.monitor.Event;
import io.karafka.monitor.LoggingMonitor;
import io.karafka.monitor.Monitor;
import io.karafka.server.KarafkaServer;
import io.karafka.testkit.InMemoryProducer;
import io.karafka.testkit.LogLines;
import io.karafka.testkit.RecordingMonitor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Kafka keeps a group's offsets by topic name. It drops them when the topic is deleted, but a
 * commit still in flight then lands on the recreated topic: the group would resume at that offset
 * and never read the new topic's first messages. Commits name the topic id, and an offset naming
 * an old one is not used.
 */
class RecreatedTopicOffsetsIT extends OnEmbeddedBroker {
  @Test
  void aRecreatedTopicIsReadFromItsBeginningDespiteAnOffsetCommittedForTheOldOne()
      throws Exception {
    Recreated r = recreate("rec1.users", "rec1", true);

    KarafkaServer server = start(r.app);
    try {
      await("the new topic's last message", () -> linesOf(r.handled, r.topic).stream()
          .anyMatch(l -> l.endsWith(" new7")));
      assertEquals(IntStream.range(0, 8).mapToObj(n -> r.group + ":" + r.topic + "/0@" + n
          + " new" + n).toList(), linesOf(r.handled, r.topic),
          "every message of the new topic, in order");
      assertEquals(List.of(new Event.TopicRecreated(r.group, r.topic, 0, r.oldId, r.newId, 5,
          true)), r.events.events(Event.TopicRecreated.class));
      assertTrue(r.log.lines().contains("WARNING topic " + r.topic + " was recreated (id "
          + r.oldId + " -> " + r.newId + "): group " + r.group + "'s offset 5 of"
          + " partition 0 belongs to the old topic; reading the new one from its beginning"),
          String.valueOf(r.log.lines()));
      await("offset 8 committed for the new topic", () -> committed(r.group, r.topic)
          .equals(Optional.of(StaleOffsets.offset(8, r.newId))));
    } finally {
      server.close();
    }
  }

  @Test
  void aGroupThatDoesNotStartFromTheBeginningReadsARecreatedTopicFromItsEnd() throws Exception {
    Recreated r = recreate("rec2.users", "rec2", false);

    KarafkaServer server = start(r.app);
    try {
      produce(kafka, List.of(record(r.topic, 0, null, "{\"n\":\"new8\"}")));
      await("the message sent after the restart", () -> !linesOf(r.handled, r.topic).isEmpty());
      assertEquals(List.of(r.group + ":" + r.topic + "/0@8 new8"), linesOf(r.handled, r.topic),
          "what was there before is skipped, as for a new group");
      assertEquals(List.of(new Event.TopicRecreated(r.group, r.topic, 0, r.oldId, r.newId, 5,
          false)), r.events.events(Event.TopicRecreated.class));
      assertTrue(r.log.lines().contains("WARNING topic " + r.topic + " was recreated (id "
          + r.oldId + " -> " + r.newId + "): group " + r.group + "'s offset 5 of"
          + " partition 0 belongs to the old topic; reading the new one from its end"
          + " (startFromBeginning is false)"), String.valueOf(r.log.lines()));
    } finally {
      server.close();
    }
  }

  /**
   * A server handles messages 0 to 4 of the topic (commits 3 on the way) and stops; its last
   * commit (5) is in flight while the topic is deleted and recreated, so it lands on the new
   * topic, which then gets 8 messages.
   *
   * @return an app of the same group for the restart, starting from the beginning or not, and
   *     what its controllers handle (the first app's messages are not in it)
   */
  private Recreated recreate(String topic, String name, boolean fromBeginning)
      throws Exception {
    kafka.createTopic(topic, 1);
    String label = name + "_" + topic; // the route's group, which the expected lines name
    KarafkaApp first = app(name, c -> c.kafka(k -> k
            .offsetCommitInterval(Duration.ofHours(1)).offsetCommitThreshold(3)),
        r -> r.topic(topic).controller(() -> new Handled.OrdersController(handled, label)));
    String group = first.routes().getFirst().group();
    SlowCommits consumer = new SlowCommits();
    KafkaMessageSource source = new KafkaMessageSource(first, consumer::create);
    KarafkaServer server = KarafkaServer.builder(first).source(source)
        .producer(new InMemoryProducer()).build();
    try (Admin admin = KafkaTestSupport.admin(kafka)) {
      server.start();
      await("partitions assigned", source::assigned);
      String oldId = kafka.topicId(topic).orElseThrow();
      produce(kafka, IntStream.range(0, 3).mapToObj(n -> record(topic, 0, null, "{\"n\":\"old"
          + n + "\"}")).toList());
      await("offset 3 committed, naming the topic id", () -> committed(group, topic)
          .equals(Optional.of(new OffsetAndMetadata(3, "karafka:topic-id=" + oldId))));
      produce(kafka, IntStream.range(3, 5).mapToObj(n -> record(topic, 0, null, "{\"n\":\"old"
          + n + "\"}")).toList());
      await("5 messages handled", () -> linesOf(handled, topic).size() == 5);

      consumer.slow = true;
      Thread closing = new Thread(server::close);
      closing.start();
      assertTrue(consumer.committing.await(60, TimeUnit.SECONDS), "the last commit begins");
      admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
      await("the topic gone", () -> kafka.topicId(topic).isEmpty());
      kafka.createTopic(topic, 1);
      String newId = kafka.topicId(topic).orElseThrow();
      consumer.go.countDown();
      closing.join(60_000);
      assertEquals(Optional.of(StaleOffsets.offset(5, oldId)), committed(group, topic),
          "the old topic's offset landed on the new one");

      produce(kafka, IntStream.range(0, 8).mapToObj(n -> record(topic, 0, null, "{\"n\":\"new"
          + n + "\"}")).toList());
      Handled after = new Handled();
      RecordingMonitor events = new RecordingMonitor();
      LogLines log = new LogLines();
      KarafkaApp again = app(name, c -> c.startFromBeginning(fromBeginning)
              .monitor(Monitor.combine(events, new LoggingMonitor(log))),
          r -> r.topic(topic).controller(() -> new Handled.OrdersController(after, label)));
      return new Recreated(topic, group, oldId, newId, again, after, events, log);
    } finally {
      consumer.go.countDown();
      server.close();
    }
  }

  private static List<String> linesOf(Handled handled, String topic) {
    return handled.log().stream().filter(l -> l.contains(":" + topic + "/")).toList();
  }

  private Optional<OffsetAndMetadata> committed(String group, String topic) {
    try (Admin admin = KafkaTestSupport.admin(kafka)) {
      return Optional.ofNullable(admin.listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
          .get(new TopicPartition(topic, 0))).map(o -> new OffsetAndMetadata(o.offset(),
          o.metadata()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private record Recreated(String topic, String group, String oldId, String newId,
                           KarafkaApp app, Handled handled, RecordingMonitor events,
                           LogLines log) {}

  /**
   * Real consumers whose synchronous commits, once {@link #slow}, wait for {@link #go}: a commit
   * still on its way to the broker while the topic is deleted and recreated.
   */
  private static final class SlowCommits {
    final CountDownLatch committing = new CountDownLatch(1);
    final CountDownLatch go = new CountDownLatch(1);
    volatile boolean slow;

    KafkaConsumer<byte[], byte[]> create(Map<String, Object> properties) {
      return new KafkaConsumer<>(properties) {
        @Override
        public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets,
                               Duration timeout) {
          if (slow) {
            committing.countDown();
            try {
              go.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          super.commitSync(offsets, timeout);
        }
      };
    }
  }
}
