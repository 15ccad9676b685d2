package io.karafka.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.app.ConfigurationException;
import io.karafka.app.KarafkaApp;
import io.karafka.consumer.Batch;
import io.karafka.consumer.BatchResult;
import io.karafka.controller.ControllerException;
import io.karafka.job.ConsumedJobs;
import io.karafka.job.Job;
import io.karafka.job.JobId;
import io.karafka.job.JobQueue;
import io.karafka.job.JobStoreUnavailableException;
import io.karafka.message.Message;
import io.karafka.monitor.Event;
import io.karafka.producer.Partitioning;
import io.karafka.responder.ResponderValidationException;
import io.karafka.routing.RoutingException;
import io.karafka.server.KarafkaServer;
import io.karafka.testkit.TestControllers.BatchController;
import io.karafka.testkit.TestControllers.CallbackController;
import io.karafka.testkit.TestControllers.EchoController;
import io.karafka.testkit.TestControllers.LonelyController;
import io.karafka.topic.TopicMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

public class DispatcherTest {
  private final Recorder recorder = new Recorder();

  private KarafkaTestKit inline() {
    return KarafkaTestKit.of(TestApps.app(c -> c.inlineMode(true),
        r -> r.topic("echo").controller(() -> new EchoController(recorder))));
  }

  @Test
  public void inlineModePerformsAtOnceAndCommits() {
    try (KarafkaTestKit kit = inline()) {
      List<BatchResult> results = kit.publish("echo", TestMessage.text("ok"),
          TestMessage.text("ok"));
      assertEquals(List.of(new BatchResult.Handled(1), new BatchResult.Handled(2)), results);
      assertEquals(List.of("perform echo@0 ok", "perform echo@1 ok"), recorder.entries());
      assertEquals(2, kit.performed().size());
      assertTrue(kit.performed().getFirst().inline());
      assertEquals(2, kit.committed("echo", 0).getAsLong());
      assertTrue(kit.enqueued().isEmpty());
    }
  }

  @Test
  public void aMonitorThatThrowsNeverTurnsAPerformedMessageIntoAFailedOne() {
    RuntimeException broken = new IllegalStateException("metrics backend down");
    List<Event> told = new java.util.concurrent.CopyOnWriteArrayList<>();
    KarafkaApp app = TestApps.app(c -> c.inlineMode(true).monitor(event -> {
      told.add(event);
      if (event instanceof Event.MessagePerformed) {
        throw broken;
      }
    }), r -> r.topic("echo").controller(() -> new EchoController(recorder)));
    InMemoryProducer producer = new InMemoryProducer();
    InMemoryMessageSource source = new InMemoryMessageSource(java.time.Clock.systemUTC());
    KarafkaServer server = KarafkaServer.builder(app).source(source).producer(producer).build();
    server.start();
    Message message = TestMessage.text("respond").toMessage("echo", 0, Instant.now());

    BatchResult result = source.deliver(new Batch("test_app_echo", "echo", 0,
        List.of(message)));

    assertEquals(new BatchResult.Handled(1), result);
    assertEquals(List.of("perform echo@0 respond"), recorder.entries());
    assertEquals(1, producer.sent().size());
    assertEquals(1, told.stream().filter(e -> e instanceof Event.ErrorOccurred o
        && o.error() == broken).count());
  }

  @Test
  public void messagesOfAPartitionArePerformedInOrderAndAFailureStopsTheRest() {
    try (KarafkaTestKit kit = inline()) {
      BatchResult result = kit.publishBatch("echo", TestMessage.text("ok"),
          TestMessage.text("fail"), TestMessage.text("ok"));
      BatchResult.Failed failed = assertInstanceOf(BatchResult.Failed.class, result);
      assertEquals(1, failed.commitOffset());
      assertEquals("boom at 1", failed.error().getMessage());
      assertEquals(List.of("perform echo@0 ok", "perform echo@1 fail"), recorder.entries());
      assertEquals(1, kit.committed("echo", 0).getAsLong());
      assertEquals(1, kit.events(Event.MessageFailed.class).size());
      // the dispatcher is alive: the failed offset is delivered again and handled
      assertEquals(new BatchResult.Handled(2), kit.publish("echo", TestMessage.text("ok"))
          .getFirst());
    }
  }

  @Test
  public void backgroundModeEnqueuesAJobWithAnIdFromTheCoordinates() {
    try (KarafkaTestKit kit = KarafkaTestKit.of(TestApps.app(
        r -> r.topic("echo").controller(() -> new EchoController(recorder))))) {
      Instant sent = Instant.parse("2026-03-01T10:00:00.250Z");
      assertEquals(new BatchResult.Handled(1), kit.publish("echo", TestMessage.text("ok")
          .timestamp(sent)).getFirst());
      assertTrue(recorder.entries().isEmpty(), "not performed before a worker runs it");
      Job job = kit.enqueued().getFirst();
      assertEquals(JobId.of("test_app_echo", "echo", 0, 0, "", sent), job.id(),
          "the in-memory source knows no topic id");
      assertEquals("EchoWorker", job.worker());
      assertEquals("default", job.queue());
      assertEquals(25, job.retry());
      assertEquals(1, kit.runJobs());
      assertEquals(List.of("perform echo@0 ok"), recorder.entries());
      assertTrue(!kit.performed().getFirst().inline());
    }
  }

  @Test
  public void aMessageConsumedTwiceBecomesOneJobEvenAfterItsJobCompleted() {
    try (KarafkaTestKit kit = KarafkaTestKit.of(TestApps.app(
        r -> r.topic("echo").controller(() -> new EchoController(recorder))))) {
      InMemoryMessageSource source = new InMemoryMessageSource(kit.clock());
      KarafkaServer server = KarafkaServer.builder(kit.app()).source(source)
          .producer(kit.producer()).jobQueue(kit.jobStore()).build();
      server.start();
      Message message = TestMessage.text("ok").toMessage("echo", 7, Instant.now());
      Batch batch = new Batch("test_app_echo", "echo", 0, List.of(message), "topic-a");
      source.deliver(batch);
      source.deliver(batch);
      assertEquals(1, kit.jobStore().stats().totalQueued());
      assertEquals(1, kit.runJobs());
      assertEquals(new BatchResult.Handled(8), source.deliver(batch));
      assertEquals(0, kit.jobStore().stats().totalQueued(), "the job ran once");
      assertEquals(2, kit.events(Event.DuplicatesSkipped.class).size());
      assertEquals(1, kit.enqueued().size());
    }
  }

  @Test
  public void jobsGoToTheQueueWithTheirOffsetsAndTopicIdAndSkippedOnesAreTold() {
    try (KarafkaTestKit kit = KarafkaTestKit.of(TestApps.app(
        r -> r.topic("echo").controller(() -> new EchoController(recorder))))) {
      List<ConsumedJobs> handed = new java.util.ArrayList<>();
      JobQueue queue = new JobQueue() {
        @Override
        public void enqueue(List<Job> jobs) {
          throw new AssertionError("the dispatcher hands over ConsumedJobs");
        }

        @Override
        public List<Long> enqueue(ConsumedJobs consumed) {
          handed.add(consumed);
          return List.of(7L);
        }
      };
      InMemoryMessageSource source = new InMemoryMessageSource(kit.clock());
      KarafkaServer server = KarafkaServer.builder(kit.app()).source(source)
          .producer(kit.producer()).jobQueue(queue).build();
      server.start();
      Instant sent = Instant.parse("2026-03-01T10:00:00Z");
      List<Message> messages = List.of(
          TestMessage.text("ok").timestamp(sent).toMessage("echo", 7, Instant.now()),
          TestMessage.text("ok").timestamp(sent).toMessage("echo", 8, Instant.now()));

      BatchResult result = source.deliver(new Batch("test_app_echo", "echo", 0, messages,
          "topic-a"));

      assertEquals(new BatchResult.Handled(9), result);
      ConsumedJobs consumed = handed.getFirst();
      assertEquals(List.of("test_app_echo", "echo", 0, "topic-a", List.of(7L, 8L)),
          List.of(consumed.group(), consumed.topic(), consumed.partition(), consumed.topicId(),
              consumed.offsets()));
      assertEquals(List.of(JobId.of("test_app_echo", "echo", 0, 7, "topic-a", sent),
          JobId.of("test_app_echo", "echo", 0, 8, "topic-a", sent)),
          consumed.jobs().stream().map(Job::id).toList());
      assertEquals(List.of(new Event.DuplicatesSkipped("test_app_echo", "echo", 0,
          List.of(7L))), kit.events(Event.DuplicatesSkipped.class));
      assertEquals(List.of(consumed.jobs().get(1)), kit.enqueued(),
          "only the job the queue took is told as enqueued");
    }
  }

  @Test
  public void aMalformedPayloadKeepsTheRawTextUnderMessageAndTellsTheMonitor() {
    try (KarafkaTestKit kit = KarafkaTestKit.of(TestApps.app(c -> c.inlineMode(true),
        r -> r.topic("cb").controller(() -> new CallbackController(recorder))
            .parser(new KeyValueParser())))) {
      assertEquals(new BatchResult.Handled(1), kit.publish("cb", TestMessage.text("garbage"))
          .getFirst());
      assertEquals("perform 0 stamped=yes", recorder.entries().getLast());
      List<Event.ParserFailed> failures = kit.events(Event.ParserFailed.class);
      assertEquals(1, failures.size());
      assertEquals("not key=value: garbage", failures.getFirst().error().getMessage());
    }
  }

  @Test
  public void batchModeGivesOneControllerTheWholePoll() {
    try (KarafkaTestKit kit = KarafkaTestKit.of(TestApps.app(
        r -> r.topic("many").controller(() -> new BatchController(recorder)).batchMode(true)))) {
      Instant first = Instant.parse("2026-03-01T10:00:00Z");
      Instant last = first.plusMillis(2);
      BatchResult result = kit.publishBatch("many", TestMessage.text("a").timestamp(first),
          TestMessage.text("b"), TestMessage.text("c").timestamp(last));
      assertEquals(new BatchResult.Handled(3), result);
      Job job = kit.enqueued().getFirst();
      assertEquals(JobId.ofBatch("test_app_many", "many", 0, 0, 2, "", first, last), job.id());
      assertEquals(1, kit.runJobs());
      assertEquals(List.of("batch [0, 1, 2]", "route 'many' is in batch mode: use paramsBatch()"
          + " instead of params()"), recorder.entries());
      assertEquals(3, kit.performed().getFirst().count());
    }
  }

  @Test
  public void responsesGoThroughTheMapperWithTheirPartitionAfterPerformReturns() {
    try (KarafkaTestKit kit = KarafkaTestKit.of(TestApps.app(
        c -> c.inlineMode(true).topicMapper(TopicMapper.prefix("ns")),
        r -> r.topic("echo").controller(() -> new EchoController(recorder))))) {
      assertEquals(List.of("ns.echo"), kit.app().routes().stream()
          .map(route -> kit.app().config().topicMapper().outgoing(route.topic())).toList());
      kit.publish("echo", TestMessage.text("respond"));
      assertEquals(1, kit.published("echoed").size());
      assertEquals("ns.echoed", kit.published().getFirst().topic());
      assertEquals("respond", kit.published().getFirst().payloadString());
      assertEquals(Partitioning.partition(3), kit.published().getFirst().partitioning());
    }
  }

  @Test
  public void nothingIsSentWhenPerformFailsAfterRespondingOrTheResponseIsInvalid() {
    try (KarafkaTestKit kit = inline()) {
      BatchResult failed = kit.publish("echo", TestMessage.text("respond-then-fail")).getFirst();
      assertInstanceOf(BatchResult.Failed.class, failed);
      BatchResult invalid = kit.publish("echo", TestMessage.text("respond-bad")).getFirst();
      ResponderValidationException error = assertInstanceOf(ResponderValidationException.class,
          ((BatchResult.Failed) invalid).error());
      assertEquals("EchoResponder.respond takes java.lang.String, but respondWith passed"
          + " java.lang.Integer", error.getMessage());
      assertTrue(kit.published().isEmpty());
    }
  }

  @Test
  public void aProducerFailureFailsTheMessage() {
    try (KarafkaTestKit kit = inline()) {
      kit.producer().failNextSend();
      BatchResult result = kit.publish("echo", TestMessage.text("respond")).getFirst();
      assertInstanceOf(BatchResult.Failed.class, result);
      assertTrue(kit.committed("echo", 0).getAsLong() == 0);
      kit.publish("echo", TestMessage.text("respond"));
      assertEquals(1, kit.published().size());
    }
  }

  @Test
  public void respondWithWithoutAResponderIsAnError() {
    try (KarafkaTestKit kit = KarafkaTestKit.of(TestApps.app(c -> c.inlineMode(true),
        r -> r.topic("lonely").controller(LonelyController.class)))) {
      BatchResult.Failed failed = assertInstanceOf(BatchResult.Failed.class,
          kit.publish("lonely", TestMessage.text("x")).getFirst());
      assertInstanceOf(ControllerException.class, failed.error());
      assertEquals("LonelyController called respondWith, but route 'lonely' has no responder:"
          + " add .responder(...) to the route, or create"
          + " io.karafka.testkit.TestControllers$LonelyResponder (found by name)",
          failed.error().getMessage());
    }
  }

  @Test
  public void anUnavailableJobStoreCommitsNothingAndRedeliveryEnqueuesOnce() {
    try (KarafkaTestKit kit = KarafkaTestKit.of(TestApps.app(
        r -> r.topic("echo").controller(() -> new EchoController(recorder))))) {
      kit.jobStore().unavailable(true);
      BatchResult result = kit.publishBatch("echo", TestMessage.text("ok"),
          TestMessage.text("ok"));
      BatchResult.Failed failed = assertInstanceOf(BatchResult.Failed.class, result);
      assertEquals(0, failed.commitOffset());
      assertInstanceOf(JobStoreUnavailableException.class, failed.error());
      kit.jobStore().unavailable(false);
      assertEquals(new BatchResult.Handled(2), kit.publishBatch("echo", TestMessage.text("ok"),
          TestMessage.text("ok")));
      assertEquals(2, kit.jobStore().stats().totalQueued());
    }
  }

  @Test
  public void aTopicWithoutARouteFailsWithTheRoutesNamed() {
    KarafkaApp app = TestApps.app(c -> c.inlineMode(true),
        r -> r.topic("echo").controller(() -> new EchoController(recorder)));
    InMemoryMessageSource source = new InMemoryMessageSource(MutableClock.now());
    KarafkaServer.builder(app).source(source).producer(new InMemoryProducer()).build().start();
    Message message = TestMessage.text("ok").toMessage("elsewhere", 0, Instant.now());
    BatchResult.Failed failed = assertInstanceOf(BatchResult.Failed.class,
        source.deliver(new Batch("g", "elsewhere", 0, List.of(message))));
    assertInstanceOf(RoutingException.class, failed.error());
    assertEquals("no route for topic 'elsewhere' (Kafka topic 'elsewhere'); routes: [echo]",
        failed.error().getMessage());
  }

  @Test
  public void aServerWithBackgroundRoutesNeedsAJobQueue() {
    KarafkaApp app = TestApps.app(r -> r.topic("echo")
        .controller(() -> new EchoController(recorder)));
    ConfigurationException error = assertThrows(ConfigurationException.class,
        () -> KarafkaServer.builder(app).build());
    assertEquals("Invalid Karafka configuration (3 problems):\n"
        + "  - server.source = null: is required. Fix: wire a MessageSource, e.g."
        + " .source(new KafkaMessageSource(app))\n"
        + "  - server.producer = null: is required. Fix: wire a Producer, e.g."
        + " .producer(new KafkaProducerPool(app))\n"
        + "  - server.jobQueue = null: routes [echo] perform in the background (inlineMode false)"
        + " and need a job queue. Fix: wire one with .jobQueue(...) (a Redis or JDBC job store,"
        + " or InlineJobQueue), or set inlineMode(true) in setup or on those routes",
        error.getMessage());
  }
}
