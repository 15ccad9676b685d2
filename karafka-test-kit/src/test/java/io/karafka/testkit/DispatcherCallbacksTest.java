package io.karafka.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.consumer.BatchResult;
import io.karafka.job.Job;
import io.karafka.monitor.Event;
import io.karafka.testkit.TestControllers.CallbackController;
import java.util.List;
import org.junit.jupiter.api.Test;

/** beforeEnqueue callbacks through the dispatcher: order, abort, failure, worker, schedule. */
public class DispatcherCallbacksTest {
  private final Recorder recorder = new Recorder();

  @Test
  public void callbacksRunInOrderAndAddParamsThatReachTheJob() {
    try (KarafkaTestKit kit = KarafkaTestKit.of(TestApps.app(
        r -> r.topic("cb").controller(() -> new CallbackController(recorder))
            .parser(new KeyValueParser())))) {
      kit.publish("cb", TestMessage.text("action=go"));
      assertEquals(List.of("first 0", "second 0", "third 0"), recorder.entries());
      kit.runJobs();
      assertEquals("perform 0 stamped=yes", recorder.entries().getLast());
    }
  }

  @Test
  public void aCallbackReturningFalseAbortsButTheMessageCountsAsHandled() {
    try (KarafkaTestKit kit = KarafkaTestKit.of(TestApps.app(
        r -> r.topic("cb").controller(() -> new CallbackController(recorder))
            .parser(new KeyValueParser())))) {
      BatchResult result = kit.publish("cb", TestMessage.text("action=skip")).getFirst();
      assertEquals(new BatchResult.Handled(1), result);
      assertEquals(List.of("first 0", "second 0"), recorder.entries());
      assertTrue(kit.enqueued().isEmpty());
      assertEquals(0, kit.runJobs());
      assertEquals(1, kit.events(Event.CallbackAborted.class).size());
    }
  }

  @Test
  public void aThrowingCallbackFailsItsMessageAfterEnqueuingTheOnesBefore() {
    try (KarafkaTestKit kit = KarafkaTestKit.of(TestApps.app(
        r -> r.topic("cb").controller(() -> new CallbackController(recorder))
            .parser(new KeyValueParser())))) {
      BatchResult result = kit.publishBatch("cb", TestMessage.text("action=go"),
          TestMessage.text("action=explode"), TestMessage.text("action=go"));
      BatchResult.Failed failed = assertInstanceOf(BatchResult.Failed.class, result);
      assertEquals(1, failed.commitOffset());
      assertEquals("callback exploded", failed.error().getMessage());
      assertEquals(1, kit.enqueued().size());
      assertEquals(1, kit.committed("cb", 0).getAsLong());
    }
  }

  @Test
  public void aCallbackChoosesTheWorker() {
    try (KarafkaTestKit kit = KarafkaTestKit.of(TestApps.app(
        r -> r.topic("cb").controller(() -> new CallbackController(recorder))
            .parser(new KeyValueParser())))) {
      kit.publish("cb", TestMessage.text("action=go&important=true"),
          TestMessage.text("action=go"));
      List<Job> jobs = kit.enqueued();
      assertEquals("FastWorker", jobs.get(0).worker());
      assertEquals("critical", jobs.get(0).queue());
      assertEquals(1, jobs.get(0).retry());
      assertEquals("CallbackWorker", jobs.get(1).worker());
      assertEquals(2, kit.runJobs());
    }
  }

  @Test
  public void aCallbackCanScheduleThePerformForLater() {
    try (KarafkaTestKit kit = KarafkaTestKit.of(TestApps.app(
        r -> r.topic("later")
            .controller(() -> new TestControllers.LaterController(recorder))))) {
      assertEquals(new BatchResult.Handled(1), kit.publish("later", TestMessage.text("x"))
          .getFirst());
      assertEquals(kit.clock().instant().plus(java.time.Duration.ofHours(1)),
          kit.enqueued().getFirst().at().orElseThrow());
      assertEquals(0, kit.runJobs());
      kit.advance(java.time.Duration.ofMinutes(61));
      assertEquals(1, kit.runJobs());
      assertEquals(List.of("later 0"), recorder.entries());
    }
  }

  @Test
  public void anInlineRouteCannotSchedule() {
    try (KarafkaTestKit kit = KarafkaTestKit.of(TestApps.app(c -> c.inlineMode(true),
        r -> r.topic("later")
            .controller(() -> new TestControllers.LaterController(recorder))))) {
      BatchResult.Failed failed = assertInstanceOf(BatchResult.Failed.class,
          kit.publish("later", TestMessage.text("x")).getFirst());
      assertEquals("route 'later' is inline: it performs at once and cannot schedule; set"
          + " inlineMode(false) on it to use performAt", failed.error().getMessage());
    }
  }
}
