package io.karafka.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.app.JobSettings;
import io.karafka.app.KarafkaApp;
import io.karafka.job.RetryPolicy;
import io.karafka.monitor.Event;
import io.karafka.producer.ProducerException;
import io.karafka.testkit.TestControllers.EchoController;
import io.karafka.worker.KarafkaWorker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A job whose controller responds is completed only once Kafka acknowledged the responses, and
 * the worker thread that performed it does not wait for that: a producer whose acknowledgements
 * the test gives or refuses shows both.
 */
class WorkerResponsesTest {
  private static final Duration LIMIT = Duration.ofSeconds(20);
  private final Recorder recorder = new Recorder();

  private final HeldProducer producer = new HeldProducer();

  private KarafkaTestKit kit() {
    KarafkaApp app = TestApps.app(c -> c.jobs(j -> j.retry(3)
            .retryPolicy(RetryPolicy.fixed(Duration.ofSeconds(10)))),
        r -> r.topic("jobs").controller(() -> new EchoController(recorder)));
    return KarafkaTestKit.of(app);
  }

  /** One thread, so that a thread waiting for Kafka would stop everything. */
  private KarafkaWorker worker(KarafkaTestKit kit, Duration shutdownTimeout) {
    JobSettings d = kit.app().config().jobs();
    JobSettings settings = new JobSettings(1, false, List.of("default"), d.retry(),
        d.retryPolicy(), d.timeout(), shutdownTimeout, Duration.ofMillis(10), d.deadMaxJobs(),
        d.deadTimeout());
    return KarafkaWorker.builder(kit.app(), kit.jobStore(), producer).settings(settings).build();
  }

  @Test
  void aJobIsCompletedOnlyOnceKafkaAcknowledgedItsResponsesAndNoThreadWaitsForThat()
      throws Exception {
    try (KarafkaTestKit kit = kit(); KarafkaWorker worker = worker(kit, Duration.ofSeconds(5))) {
      kit.publish("jobs", TestMessage.text("respond"), TestMessage.text("respond"));
      worker.start();

      // the single thread performed both: it did not wait for the first acknowledgement
      Await.within(LIMIT, "both jobs performed", () -> producer.sends.size() == 2);
      assertEquals(0, kit.jobStore().stats().processed(), "nothing completed before its ack");
      assertEquals(2, kit.jobStore().stats().running(), "both still leased to the worker");
      assertTrue(kit.events(Event.JobPerformed.class).isEmpty());

      producer.sends.get(1).complete(null);
      Await.within(LIMIT, "the acknowledged job completed",
          () -> kit.jobStore().stats().processed() == 1);
      assertEquals(1, kit.jobStore().stats().running());
      producer.sends.get(0).complete(null);
      Await.within(LIMIT, "both completed", () -> kit.jobStore().stats().processed() == 2);
      assertEquals(2, kit.events(Event.JobPerformed.class).size());
      assertEquals(0, kit.jobStore().stats().running());
    }
  }

  @Test
  void responsesKafkaRefusedFailTheJobWhichRunsAfterFailureAndIsRetried() throws Exception {
    try (KarafkaTestKit kit = kit(); KarafkaWorker worker = worker(kit, Duration.ofSeconds(5))) {
      kit.publish("jobs", TestMessage.text("respond"));
      worker.start();
      Await.within(LIMIT, "the job performed", () -> producer.sends.size() == 1);

      producer.sends.getFirst().completeExceptionally(new ProducerException(
          "Kafka did not acknowledge a message to topic 'echoed': broker gone"));

      Await.within(LIMIT, "the retry", () -> kit.jobStore().retries().size() == 1);
      assertEquals(List.of("perform jobs@0 respond", "afterFailure 0 ProducerException"),
          recorder.entries());
      assertEquals("Kafka did not acknowledge a message to topic 'echoed': broker gone",
          kit.jobStore().retries().getFirst().error().orElseThrow().errorMessage());
      assertEquals(0, kit.jobStore().stats().processed());
      assertTrue(kit.events(Event.JobPerformed.class).isEmpty());
    }
  }

  @Test
  void aStopWaitsForAcknowledgementsThenHandsBackWhatKafkaNeverAnswered() throws Exception {
    try (KarafkaTestKit kit = kit()) {
      KarafkaWorker worker = worker(kit, Duration.ofMillis(500));
      kit.publish("jobs", TestMessage.text("respond"), TestMessage.text("respond"));
      worker.start();
      Await.within(LIMIT, "both performed", () -> producer.sends.size() == 2);
      producer.sends.getFirst().complete(null);

      worker.close();

      assertEquals(1, kit.jobStore().stats().processed(), "the acknowledged one completed");
      assertEquals(1, kit.jobStore().stats().totalQueued(), "the other back in its queue");
      Event.WorkerStopped stopped = kit.events(Event.WorkerStopped.class).getFirst();
      assertEquals(Map.of("default", 1), stopped.handedBack());
    }
  }
}
