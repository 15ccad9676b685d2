package io.karafka.examples.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.karafka.app.KarafkaApp;
import io.karafka.job.Job;
import io.karafka.kafka.KafkaMessageSource;
import io.karafka.kafka.KafkaProducerPool;
import io.karafka.monitor.Event;
import io.karafka.monitor.Monitor;
import io.karafka.producer.OutgoingMessage;
import io.karafka.producer.Partitioning;
import io.karafka.queue.redis.RedisJobStore;
import io.karafka.queue.redis.RedisSettings;
import io.karafka.server.KarafkaServer;
import io.karafka.testkit.Await;
import io.karafka.testkit.EmbeddedKafka;
import io.karafka.testkit.LocalRedis;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * A topic deleted and recreated while the app runs on one Redis: the new topic's first message,
 * at an offset an old message had, becomes a job. (Job ids used to be made from group, topic,
 * partition and offset only, so it was taken for the old message, committed and never run.)
 */
class RecreatedTopicIT {
  private static final String TOPIC = "acme.users_create";

  @Test
  void aNewMessageAtAnOldOffsetOfARecreatedTopicIsEnqueued() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(); LocalRedis redis = LocalRedis.start()) {
      kafka.createTopics(Map.of(TOPIC, 1, "acme.audit_events", 1));
      List<Event> events = new CopyOnWriteArrayList<>();
      KarafkaApp original = ExampleApp.build(kafka.bootstrapServers());
      KarafkaApp app = original.withMonitor(Monitor.combine(original.monitor(), events::add));
      Properties admin = new Properties();
      admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
      KafkaMessageSource source = new KafkaMessageSource(app);
      try (Admin kafkaAdmin = Admin.create(admin);
           RedisJobStore store = new RedisJobStore(RedisSettings.builder(redis.url())
               .namespace(app.name()).build(), app.config().jobs(), Clock.systemUTC());
           KafkaProducerPool producer = new KafkaProducerPool(app);
           KarafkaServer server = KarafkaServer.builder(app).source(source).producer(producer)
               .jobQueue(store).build()) {
        server.start();
        await("partitions assigned", source::assigned);
        send(producer, "{\"name\":\"Ada\",\"age\":36}");
        await("Ada's job", () -> store.stats().totalQueued() == 1);
        // Kafka keeps a group's offsets by topic name: one committed after the topic is gone
        // would apply to the new topic and skip its first message, whatever the job store does
        String group = app.route("users_create").orElseThrow().group();
        await("Ada's offset committed", () -> committed(kafkaAdmin, group) == 1);
        String oldId = kafka.topicId(TOPIC).orElseThrow();

        kafkaAdmin.deleteTopics(List.of(TOPIC)).all().get(30, TimeUnit.SECONDS);
        await("the topic gone", () -> kafka.topicId(TOPIC).isEmpty());
        kafka.createTopic(TOPIC, 1);
        String newId = kafka.topicId(TOPIC).orElseThrow();
        assertNotEquals(oldId, newId);
        send(producer, "{\"name\":\"Bob\",\"age\":20}");

        await("Bob's job, next to Ada's", () -> store.stats().totalQueued() == 2);
        // the event follows the store's answer on the consumer's thread: wait for it too
        await("Bob's job told", () -> enqueued(events).size() == 2);
        List<Job> enqueued = enqueued(events);
        assertEquals(2, enqueued.size());
        assertNotEquals(enqueued.get(0).id(), enqueued.get(1).id());
        assertEquals(List.of(), events.stream().filter(e -> e instanceof Event.DuplicatesSkipped)
            .toList(), "nothing taken for a duplicate");
      }
    }
  }

  private static void await(String what, java.util.function.BooleanSupplier done)
      throws InterruptedException {
    Await.within(Duration.ofSeconds(60), what, done);
  }

  private static List<Job> enqueued(List<Event> events) {
    return events.stream().filter(e -> e instanceof Event.JobsEnqueued)
        .flatMap(e -> ((Event.JobsEnqueued) e).jobs().stream()).toList();
  }

  private static void send(KafkaProducerPool producer, String json) {
    producer.send(List.of(new OutgoingMessage(TOPIC, json.getBytes(StandardCharsets.UTF_8),
        Partitioning.any(), List.of())));
  }

  private static long committed(Admin admin, String group) {
    try {
      OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
          .get(new TopicPartition(TOPIC, 0));
      return offset == null ? -1 : offset.offset();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

}
