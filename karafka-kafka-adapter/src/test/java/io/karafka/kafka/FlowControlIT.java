package io.karafka.kafka;

import static io.karafka.kafka.KafkaTestSupport.await;
import static io.karafka.kafka.KafkaTestSupport.committed;
import static io.karafka.kafka.KafkaTestSupport.produce;
import static io.karafka.kafka.KafkaTestSupport.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.app.KarafkaApp;
import io.karafka.job.JobStoreUnavailableException;
import io.karafka.monitor.Event;
import io.karafka.server.KarafkaServer;
import io.karafka.testkit.InMemoryJobStore;
import io.karafka.testkit.RecordingMonitor;
import io.karafka.worker.KarafkaWorker;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** A slow partition does not stall the others or the group; background back-pressure. */
class FlowControlIT extends OnEmbeddedBroker {
  @Test
  void aSlowPartitionIsPausedWhileOthersGoOnAndTheGroupStaysStable() throws Exception {
    kafka.createTopic("f1.work", 2);
    RecordingMonitor monitor = new RecordingMonitor();
    KarafkaApp app = KarafkaApp.builder()
        .setup(c -> c.name("flow").inlineMode(true).monitor(monitor)
            .controllerFactory(TaggedController.factory(handled, "flow"))
            .kafka(k -> k.hosts(kafka.bootstrapServers())
                .offsetCommitInterval(Duration.ofMillis(100))
                .property("max.poll.interval.ms", "2000")))
        .routes(r -> r.topic("f1.work").controller(TaggedController.class))
        .build();
    KafkaMessageSource source = new KafkaMessageSource(app);
    KarafkaServer server = KarafkaServer.builder(app).source(source)
        .producer(new KafkaProducerPool(app)).build();
    server.start();
    await("assignment", source::assigned);
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    records.add(record("f1.work", 0, null, "{\"n\":0,\"slow\":5000}"));
    for (int i = 1; i <= 20; i++) {
      records.add(record("f1.work", 1, null, "{\"n\":" + i + "}"));
    }
    produce(kafka, records);
    await("the fast partition", () -> handled.size() >= 21);
    server.close();
    List<String> log = handled.log();
    assertTrue(log.getLast().endsWith("@0 0"), "the slow message finishes last: " + log);
    assertEquals(1, monitor.events(Event.Rebalanced.class).stream()
        .filter(e -> !e.assigned().isEmpty()).count(), "no rebalance although the controller"
        + " took longer than max.poll.interval.ms");
    assertEquals(Map.of(new TopicPartition("f1.work", 0), 1L,
        new TopicPartition("f1.work", 1), 20L), committed(kafka, "flow_f1.work"));
  }

  @Test
  void backgroundModeCommitsAfterEnqueuingAndPausesWhileTheStoreIsDown() throws Exception {
    kafka.createTopic("f2.jobs", 1);
    RecordingMonitor monitor = new RecordingMonitor();
    KarafkaApp app = KarafkaApp.builder()
        .setup(c -> c.name("bg").monitor(monitor)
            .controllerFactory(TaggedController.factory(handled, "worker"))
            .kafka(k -> k.hosts(kafka.bootstrapServers())
                .offsetCommitInterval(Duration.ofMillis(100))
                .retryBackoff(Duration.ofMillis(50)).maxRetryBackoff(Duration.ofMillis(200))))
        .routes(r -> r.topic("f2.jobs").controller(TaggedController.class))
        .build();
    InMemoryJobStore store = new InMemoryJobStore(Clock.systemUTC());
    store.unavailable(true);
    KafkaMessageSource source = new KafkaMessageSource(app);
    KafkaProducerPool producer = new KafkaProducerPool(app);
    KarafkaServer server = KarafkaServer.builder(app).source(source).producer(producer)
        .jobQueue(store).build();
    server.start();
    await("assignment", source::assigned);
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      records.add(record("f2.jobs", 0, null, "{\"n\":" + i + "}"));
    }
    produce(kafka, records);
    await("enqueue failures", () -> monitor.events(Event.MessageFailed.class).size() >= 3);
    assertTrue(monitor.events(Event.MessageFailed.class).stream()
        .allMatch(e -> e.error() instanceof JobStoreUnavailableException));
    assertTrue(committed(kafka, "bg_f2.jobs").isEmpty(), "nothing committed while down");

    store.unavailable(false);
    await("five jobs", () -> store.stats().totalQueued() == 5);
    await("commit", () -> Map.of(new TopicPartition("f2.jobs", 0), 5L)
        .equals(committedQuietly("bg_f2.jobs")));
    try (KarafkaWorker worker = KarafkaWorker.builder(app, store, producer).build()) {
      worker.start();
      await("performed", () -> handled.size() == 5);
    }
    server.close();
    assertEquals(5, store.stats().processed());
  }

  private Map<TopicPartition, Long> committedQuietly(String group) {
    try {
      return committed(kafka, group);
    } catch (Exception e) {
      return Map.of();
    }
  }
}
