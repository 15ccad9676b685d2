package io.karafka.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.consumer.BatchResult;
import io.karafka.controller.Controller;
import io.karafka.monitor.Event;
import io.karafka.params.Params;
import io.karafka.routing.RoutingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Per-key mode: parallel across keys, in offset order within a key, committed as a whole. */
class PerKeyTest {
  /** What the controllers saw, in the order they finished, and how many ran at once. */
  static final class Seen {
    final ConcurrentLinkedQueue<String> finished = new ConcurrentLinkedQueue<>();
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger mostAtOnce = new AtomicInteger();

    /**
     * Waits 0-3 ms at random (counting how many wait at once), fails on "fail", records key and
     * offset when done.
     */
    void work(Params p) throws InterruptedException {
      mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        Thread.sleep(ThreadLocalRandom.current().nextInt(4));
        if ("fail".equals(p.value())) {
          throw new IllegalStateException("failed at " + p.offset());
        }
        finished.add(p.key().orElse("-") + "@" + p.offset());
      } finally {
        running.decrementAndGet();
      }
    }

    /** @return offsets in the order they finished, by key ("-" for none) */
    Map<String, List<Long>> byKey() {
      Map<String, List<Long>> all = new TreeMap<>();
      for (String entry : finished) {
        String[] parts = entry.split("@");
        all.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(Long.parseLong(parts[1]));
      }
      return all;
    }
  }

  /** Waits 0-3 ms at random, fails on "fail", records key and offset when done. */
  static final class RandomDelayController extends Controller {
    private final Seen seen;

    RandomDelayController(Seen seen) {
      this.seen = seen;
    }

    @Override
    protected void perform() throws InterruptedException {
      seen.work(params());
    }
  }

  /** Checks each message in a callback that waits 0-3 ms; fails the check on "fail". */
  static final class CheckedController extends Controller {
    private final Seen seen;

    CheckedController(Seen seen) {
      this.seen = seen;
      beforeEnqueue(this::check);
    }

    private boolean check() throws InterruptedException {
      seen.work(params());
      return true;
    }

    @Override
    protected void perform() {}
  }

  private final Seen seen = new Seen();

  private KarafkaTestKit backgroundKit() {
    return KarafkaTestKit.of(TestApps.app(c -> c.inlineMode(false),
        r -> r.topic("orders").controller(() -> new CheckedController(seen)).perKey(true)));
  }

  private static TestMessage[] keyed(int count, int keys, int failAt) {
    TestMessage[] poll = new TestMessage[count];
    for (int i = 0; i < poll.length; i++) {
      poll[i] = TestMessage.text(i == failAt ? "fail" : "ok").key("k" + (i % keys));
    }
    return poll;
  }

  private KarafkaTestKit kit() {
    return KarafkaTestKit.of(TestApps.app(c -> c.inlineMode(true),
        r -> r.topic("orders").controller(() -> new RandomDelayController(seen)).perKey(true)));
  }

  private static List<Long> ascending(List<Long> offsets) {
    return offsets.stream().sorted().toList();
  }

  @Test
  void manyKeysRunInParallelEachInOffsetOrderUnderRandomDelays() {
    try (KarafkaTestKit kit = kit()) {
      TestMessage[] poll = new TestMessage[300];
      for (int i = 0; i < poll.length; i++) {
        poll[i] = TestMessage.text("ok").key("k" + (i % 30));
      }

      assertEquals(new BatchResult.Handled(300), kit.publishBatch("orders", poll));

      Map<String, List<Long>> byKey = seen.byKey();
      assertEquals(30, byKey.size());
      byKey.forEach((key, offsets) -> {
        assertEquals(10, offsets.size(), key);
        assertEquals(ascending(offsets), offsets, "key " + key + " ran out of order");
      });
      assertTrue(seen.mostAtOnce.get() > 1, "keys ran one at a time: " + seen.mostAtOnce);
      assertEquals(OptionalLong.of(300), kit.committed("orders", 0));
    }
  }

  @Test
  void aFailureStopsItsKeyAndTheCommitStaysBeforeIt() {
    try (KarafkaTestKit kit = kit()) {
      TestMessage[] poll = new TestMessage[40];
      for (int i = 0; i < poll.length; i++) {
        poll[i] = TestMessage.text(i == 13 ? "fail" : "ok").key("k" + (i % 4));
      }

      BatchResult.Failed failed = assertInstanceOf(BatchResult.Failed.class,
          kit.publishBatch("orders", poll));

      assertEquals(13, failed.commitOffset());
      assertEquals(List.of(1L, 5L, 9L), seen.byKey().get("k1"), "k1 stops at its failure");
      assertEquals(10, seen.byKey().get("k0").size(), "the other keys went on");
      assertEquals(OptionalLong.of(13), kit.committed("orders", 0));
      assertEquals(1, kit.events(Event.MessageFailed.class).size());
    }
  }

  @Test
  void atMostPerKeyMaxInFlightMessagesRunAtOnce() {
    try (KarafkaTestKit kit = KarafkaTestKit.of(TestApps.app(
        c -> c.inlineMode(true).kafka(k -> k.perKeyMaxInFlight(3)),
        r -> r.topic("orders").controller(() -> new RandomDelayController(seen)).perKey(true)))) {
      assertEquals(new BatchResult.Handled(200), kit.publishBatch("orders", keyed(200, 50, -1)));

      assertEquals(200, seen.finished.size());
      assertTrue(seen.mostAtOnce.get() <= 3, "more than the bound ran at once: "
          + seen.mostAtOnce);
      assertTrue(seen.mostAtOnce.get() > 1, "keys ran one at a time: " + seen.mostAtOnce);
    }
  }

  @Test
  void messagesWithoutAKeyShareOneLaneInOrder() {
    try (KarafkaTestKit kit = kit()) {
      TestMessage[] poll = new TestMessage[50];
      for (int i = 0; i < poll.length; i++) {
        poll[i] = TestMessage.text("ok");
      }

      assertEquals(new BatchResult.Handled(50), kit.publishBatch("orders", poll));

      assertEquals(ascending(seen.byKey().get("-")), seen.byKey().get("-"));
      assertEquals(1, seen.mostAtOnce.get(), "keyless messages ran at once");
    }
  }

  @Test
  void backgroundRoutesRunCallbacksPerKeyAndEnqueueInOffsetOrder() {
    try (KarafkaTestKit kit = backgroundKit()) {
      assertEquals(new BatchResult.Handled(300), kit.publishBatch("orders", keyed(300, 30, -1)));

      seen.byKey().forEach((key, offsets) ->
          assertEquals(ascending(offsets), offsets, "key " + key + " checked out of order"));
      assertTrue(seen.mostAtOnce.get() > 1, "keys checked one at a time: " + seen.mostAtOnce);
      assertEquals(300, kit.enqueued().size());
      assertEquals(300, kit.runJobs());
      assertEquals(LongStream.range(0, 300).boxed().toList(),
          kit.performed().stream().map(Performed::offset).toList(),
          "jobs were enqueued in offset order");
      assertEquals(OptionalLong.of(300), kit.committed("orders", 0));
    }
  }

  @Test
  void aFailedCallbackEnqueuesOnlyTheJobsBeforeIt() {
    try (KarafkaTestKit kit = backgroundKit()) {
      BatchResult.Failed failed = assertInstanceOf(BatchResult.Failed.class,
          kit.publishBatch("orders", keyed(40, 4, 13)));

      assertEquals(13, failed.commitOffset());
      assertEquals(13, kit.runJobs());
      assertEquals(LongStream.range(0, 13).boxed().toList(),
          kit.performed().stream().map(Performed::offset).toList());
      assertEquals(OptionalLong.of(13), kit.committed("orders", 0));
      assertEquals(List.of(13L), kit.events(Event.MessageFailed.class).stream()
          .map(Event.MessageFailed::offset).toList());
    }
  }

  @Test
  void perKeyModeAndBatchModeAreRefusedTogether() {
    RoutingException error = assertThrows(RoutingException.class, () -> TestApps.app(
        c -> c.inlineMode(true), r -> r.topic("orders")
            .controller(() -> new RandomDelayController(seen)).perKey(true).batchMode(true)));
    assertEquals(List.of("route 'orders': per-key mode runs messages one by one, batch mode a"
        + " whole poll at once: set .batchMode(false) on the route, or drop .perKey(true)"),
        error.problems());
  }
}
