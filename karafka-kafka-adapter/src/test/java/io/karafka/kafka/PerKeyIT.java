package io.karafka.kafka;

import static io.karafka.kafka.KafkaTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.app.KarafkaApp;
import io.karafka.controller.Controller;
import io.karafka.params.Params;
import io.karafka.server.KarafkaServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Per-key mode on a real broker: many keys over 4 partitions with random delays, the server
 * stopped mid-stream and started again, and a second member joining mid-stream; no message is
 * lost and each key's first completions stay in offset order.
 */
class PerKeyIT extends OnEmbeddedBroker {
  private static final int MESSAGES = 2_000;
  private static final int KEYS = 100;

  /** Records "partition@offset key" when done; waits 0-2 ms at random first. */
  static final class KeyedController extends Controller {
    private final ConcurrentLinkedQueue<String> done;
    private final AtomicInteger running;
    private final AtomicInteger mostAtOnce;

    KeyedController(ConcurrentLinkedQueue<String> done, AtomicInteger running,
                    AtomicInteger mostAtOnce) {
      this.done = done;
      this.running = running;
      this.mostAtOnce = mostAtOnce;
    }

    @Override
    protected void perform() throws InterruptedException {
      Params p = params();
      mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        Thread.sleep(ThreadLocalRandom.current().nextInt(3));
        done.add(p.partition() + "@" + p.offset() + " " + p.key().orElseThrow());
      } finally {
        running.decrementAndGet();
      }
    }
  }

  @Test
  void noMessageIsLostAcrossARestartAndEachKeyFinishesInOffsetOrder() throws Exception {
    kafka.createTopic("perkey", 4);
    ConcurrentLinkedQueue<String> done = new ConcurrentLinkedQueue<>();
    AtomicInteger running = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    KarafkaApp app = app("perkey", c -> { }, r -> r.topic("perkey")
        .controller(() -> new KeyedController(done, running, mostAtOnce)).perKey(true));
    produceKeyed("perkey", 0, MESSAGES);

    KarafkaServer first = start(app);
    await("a part of the messages", () -> done.size() >= MESSAGES / 4);
    first.close(); // mid-stream: what was not committed comes again
    KarafkaServer second = start(app);
    Set<String> distinct = new LinkedHashSet<>();
    await("every message at least once", () -> {
      distinct.addAll(done);
      return distinct.size() >= MESSAGES;
    });
    second.close();

    assertEquals(MESSAGES, distinct.size());
    assertKeysFinishedInOrder(done, KEYS);
    assertTrue(mostAtOnce.get() > 4, "no more parallel than a thread per partition: "
        + mostAtOnce.get());
  }

  @Test
  void twoMembersThroughARebalanceLoseNothingAndKeepEachKeysOrder() throws Exception {
    kafka.createTopic("perkey-rebalance", 4);
    ConcurrentLinkedQueue<String> done = new ConcurrentLinkedQueue<>();
    AtomicInteger running = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    List<String> secondAssigned = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.function.Function<List<String>, KarafkaApp> member = assigned -> app(
        "perkey-rebalance", c -> c.kafka(k -> k.heartbeatInterval(java.time.Duration.ofSeconds(1)))
            .monitor(event -> {
              if (event instanceof io.karafka.monitor.Event.Rebalanced r) {
                assigned.addAll(r.assigned());
              }
            }),
        r -> r.topic("perkey-rebalance").controller(() -> new KeyedController(done, running,
            mostAtOnce)).perKey(true));
    produceKeyed("perkey-rebalance", 0, MESSAGES);

    KarafkaServer first = start(member.apply(new java.util.ArrayList<>()));
    await("a part of the messages", () -> done.size() >= MESSAGES / 4);
    KarafkaServer second = start(member.apply(secondAssigned));
    await("the second member holding partitions", () -> !secondAssigned.isEmpty());
    produceKeyed("perkey-rebalance", MESSAGES, MESSAGES); // a second wave, after the join
    Set<String> distinct = new LinkedHashSet<>();
    await("every message at least once", () -> {
      distinct.addAll(done);
      return distinct.size() >= 2 * MESSAGES;
    });
    second.close();
    first.close();

    assertEquals(2 * MESSAGES, distinct.size());
    assertKeysFinishedInOrder(done, KEYS);
  }

  private void produceKeyed(String topic, int from, int count) throws Exception {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      records.add(KafkaTestSupport.record(topic, i % 4, "key-" + (i % KEYS), "{}"));
    }
    KafkaTestSupport.produce(kafka, records);
  }

  /** Each key's first completions (a key lives in one partition) are in offset order. */
  private static void assertKeysFinishedInOrder(ConcurrentLinkedQueue<String> done, int keys) {
    Map<String, List<Long>> firstCompletions = new HashMap<>();
    Set<String> seen = new java.util.HashSet<>();
    for (String entry : done) {
      if (seen.add(entry)) {
        String key = entry.substring(entry.indexOf(' ') + 1);
        long offset = Long.parseLong(entry.substring(entry.indexOf('@') + 1,
            entry.indexOf(' ')));
        firstCompletions.computeIfAbsent(key, k -> new ArrayList<>()).add(offset);
      }
    }
    assertEquals(keys, firstCompletions.size());
    firstCompletions.forEach((key, offsets) -> assertEquals(offsets.stream().sorted().toList(),
        offsets, key + " finished out of order"));
  }
}
