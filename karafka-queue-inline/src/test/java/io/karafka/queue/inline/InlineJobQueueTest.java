package io.karafka.queue.inline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.karafka.app.KarafkaApp;
import io.karafka.consumer.BatchResult;
import io.karafka.controller.Controller;
import io.karafka.monitor.Event;
import io.karafka.server.KarafkaServer;
import io.karafka.testkit.InMemoryInterchanger;
import io.karafka.testkit.InMemoryMessageSource;
import io.karafka.testkit.InMemoryParser;
import io.karafka.testkit.InMemoryProducer;
import io.karafka.testkit.MutableClock;
import io.karafka.testkit.RecordingMonitor;
import io.karafka.testkit.TestMessage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

public class InlineJobQueueTest {
  /** Fails on "fail". */
  public static class WorkController extends Controller {
    private final List<String> log;

    /** Logs in a callback. @param log where to add what it did */
    public WorkController(List<String> log) {
      this.log = log;
      beforeEnqueue(() -> log.add("callback " + params().offset()));
    }

    @Override
    protected void perform() {
      log.add("perform " + params().offset());
      if ("fail".equals(params().value())) {
        throw new IllegalStateException("no");
      }
    }

    @Override
    protected void afterFailure(Throwable error) {
      log.add("afterFailure " + params().offset() + " " + error.getMessage());
    }
  }

  private final RecordingMonitor monitor = new RecordingMonitor();
  /** What the test's controllers did. */
  private final List<String> log = new CopyOnWriteArrayList<>();
  private InMemoryMessageSource source;

  @BeforeEach
  void start() {
    KarafkaApp app = KarafkaApp.builder()
        .setup(c -> c.name("inline_app").parser(new InMemoryParser())
            .interchanger(new InMemoryInterchanger()).monitor(monitor))
        .routes(r -> r.topic("work").controller(() -> new WorkController(log)))
        .build();
    InMemoryProducer producer = new InMemoryProducer();
    source = new InMemoryMessageSource(MutableClock.now());
    KarafkaServer.builder(app).source(source).producer(producer)
        .jobQueue(new InlineJobQueue(app, producer)).build().start();
  }

  @Test
  void jobsArePerformedAtOnceInTheConsumer() {
    BatchResult result = source.deliver("work", List.of(TestMessage.text("ok"),
        TestMessage.text("ok")));
    assertEquals(new BatchResult.Handled(2), result);
    assertEquals(List.of("callback 0", "callback 1", "perform 0", "perform 1"), log);
    assertEquals(2, monitor.events(Event.JobPerformed.class).size());
  }

  @Test
  void aFailedJobRunsAfterFailureAndLeavesItsMessageUncommitted() {
    BatchResult result = source.deliver("work", List.of(TestMessage.text("fail"),
        TestMessage.text("ok")));
    BatchResult.Failed failed = assertInstanceOf(BatchResult.Failed.class, result);
    assertEquals(0, failed.commitOffset());
    assertInstanceOf(InlineJobException.class, failed.error());
    assertEquals(List.of("callback 0", "callback 1", "perform 0", "afterFailure 0 no"), log);
    assertEquals(1, monitor.events(Event.JobFailed.class).size());
  }
}
