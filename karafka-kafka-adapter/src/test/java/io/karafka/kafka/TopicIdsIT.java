package io.karafka.kafka;

import static io.karafka.kafka.KafkaTestSupport.await;
import static io.karafka.kafka.KafkaTestSupport.committed;
import static io.karafka.kafka.KafkaTestSupport.groupProtocol;
import static io.karafka.kafka.KafkaTestSupport.produce;
import static io.karafka.kafka.KafkaTestSupport.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.karafka.app.KarafkaApp;
import io.karafka.consumer.Batch;
import io.karafka.consumer.BatchResult;
import io.karafka.consumer.Subscription;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Batches carry Kafka's topic id, and a recreated topic's batches carry its new one, under each
 * group protocol: with incremental rebalances the member may keep the partition (and its
 * position) through the recreation.
 */
class TopicIdsIT extends OnEmbeddedBroker {
  @ParameterizedTest
  @ValueSource(strings = {"classic", "classic-cooperative", "consumer"})
  void batchesCarryTheTopicIdAndARecreatedTopicsNewOne(String protocol) throws Exception {
    String topic = "ids-" + protocol + ".events";
    String group = "ids_" + protocol;
    kafka.createTopic(topic, 1);
    List<Object> events = new CopyOnWriteArrayList<>();
    KarafkaApp app = app("ids", c -> c.monitor(events::add).kafka(k -> groupProtocol(k, protocol)
            .property("metadata.max.age.ms", "1000")),
        r -> r.topic(topic).controller(() -> new Handled.OrdersController(handled,
            "ids_" + topic)));
    List<Batch> seen = new CopyOnWriteArrayList<>();
    KafkaMessageSource source = new KafkaMessageSource(app);
    source.start(List.of(new Subscription(group, topic, false, true)), batch -> {
      seen.add(batch);
      return new BatchResult.Handled(batch.lastOffset() + 1);
    });
    try (Admin admin = KafkaTestSupport.admin(kafka)) {
      await("partitions assigned", source::assigned);
      produce(kafka, List.of(record(topic, 0, null, "{\"n\":0}")));
      await("the first batch", () -> !seen.isEmpty());
      // committed before the topic goes: a commit in flight then would outlive it (Kafka keeps
      // the offsets of a group for a topic name, whatever its incarnation)
      await("offset 1 committed", () -> committedOffset(group, topic) == 1);
      String first = kafka.topicId(topic).orElseThrow();
      assertEquals(first, seen.getFirst().topicId());

      admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
      await("the topic gone", () -> kafka.topicId(topic).isEmpty());
      kafka.createTopic(topic, 1);
      String second = kafka.topicId(topic).orElseThrow();
      assertNotEquals(first, second);
      produce(kafka, List.of(record(topic, 0, null, "{\"n\":1}")));
      try {
        await("a batch of the new topic", () -> seen.stream()
            .anyMatch(b -> b.topicId().equals(second)));
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage() + "; ids " + first + " then " + second
            + "; batches " + seen.stream().map(b -> b.topicId() + "@" + b.firstOffset()
            + "-" + b.lastOffset()).toList() + "; events " + events + "; committed "
            + committed(kafka, group), e);
      }
      Batch recreated = seen.stream().filter(b -> b.topicId().equals(second)).findFirst()
          .orElseThrow();
      assertEquals(0, recreated.firstOffset(), "offsets start again");
      assertEquals(List.of(first), seen.stream().filter(b -> b != recreated)
          .map(Batch::topicId).distinct().toList(), "no batch of the new topic has the old id");
    } finally {
      source.close();
    }
  }

  private long committedOffset(String group, String topic) {
    try {
      return committed(kafka, group).getOrDefault(new TopicPartition(topic, 0), -1L);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

}
