package io.karafka.kafka;

import static io.karafka.kafka.KafkaTestSupport.await;
import static io.karafka.kafka.KafkaTestSupport.groupProtocol;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.app.KarafkaApp;
import io.karafka.controller.Controller;
import io.karafka.params.Params;
import io.karafka.server.KarafkaServer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two members through a rebalance, under the classic protocol with kafka-clients' default
 * assignors (eager: every member stops) and with the cooperative-sticky assignor (incremental:
 * only moving partitions stop), and under Kafka 4's consumer protocol (KIP-848,
 * {@code group.protocol=consumer}): a second member joins mid-stream, both end up with
 * partitions, nothing is lost. Prints how long the first member's partitions went without a
 * message around the join.
 */
class RebalanceIT extends OnEmbeddedBroker {
  private static final int MESSAGES = 4_000;

  /** A message of the first wave handled by a member, at a {@code System.nanoTime()}. */
  record Seen(long at, String member) {}

  /** Records "member partition@offset", and who when per partition for the first wave. */
  static final class MemberController extends Controller {
    private final String member;
    private final ConcurrentLinkedQueue<String> done;
    private final Map<Integer, List<Seen>> times;

    MemberController(String member, ConcurrentLinkedQueue<String> done,
                     Map<Integer, List<Seen>> times) {
      this.member = member;
      this.done = done;
      this.times = times;
    }

    @Override
    protected void perform() throws InterruptedException {
      Params p = params();
      Thread.sleep(10); // work that takes time, so the join happens mid-stream
      if (p.offset() < MESSAGES / 4) { // the first wave: 1,000 a partition
        times.computeIfAbsent(p.partition(), k -> java.util.Collections.synchronizedList(
            new ArrayList<>())).add(new Seen(System.nanoTime(), member));
      }
      done.add(member + " " + p.partition() + "@" + p.offset());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"classic", "classic-cooperative", "consumer"})
  void aSecondMemberJoinsMidStreamAndNothingIsLost(String protocol) throws Exception {
    String topic = "rebalance-" + protocol;
    kafka.createTopic(topic, 4);
    ConcurrentLinkedQueue<String> done = new ConcurrentLinkedQueue<>();
    Map<Integer, List<Seen>> times = new ConcurrentHashMap<>();
    produce(topic, MESSAGES);

    List<String> secondAssigned = new java.util.concurrent.CopyOnWriteArrayList<>();
    KarafkaServer first = start(member("a", topic, protocol, done, times, new ArrayList<>()));
    await("the first member under way", () -> done.size() >= MESSAGES / 10);
    long joined = System.nanoTime();
    KarafkaServer second = start(member("b", topic, protocol, done, times, secondAssigned));
    await("the second member holding partitions", () -> !secondAssigned.isEmpty());
    produce(topic, MESSAGES / 4); // some of it is surely the second member's
    Set<String> distinct = new HashSet<>();
    await("every message", () -> {
      done.forEach(d -> distinct.add(d.substring(2)));
      return distinct.size() >= MESSAGES + MESSAGES / 4;
    });
    second.close();
    first.close();

    assertEquals(MESSAGES + MESSAGES / 4, distinct.size());
    assertTrue(done.stream().anyMatch(d -> d.startsWith("a ")), "member a consumed");
    assertTrue(done.stream().anyMatch(d -> d.startsWith("b ")), "member b consumed");
    // a gap between two messages handled by the same member is a pause of a partition it kept;
    // one across members, of a partition that moved
    long kept = 0;
    long moved = 0;
    for (List<Seen> t : times.values()) {
      List<Seen> sorted;
      synchronized (t) {
        sorted = t.stream().sorted(java.util.Comparator.comparingLong(Seen::at)).toList();
      }
      for (int i = 1; i < sorted.size(); i++) {
        Seen before = sorted.get(i - 1);
        Seen after = sorted.get(i);
        if (after.at() > joined && after.member().equals(before.member())) {
          kept = Math.max(kept, after.at() - before.at());
        } else if (after.at() > joined) {
          moved = Math.max(moved, after.at() - before.at());
        }
      }
    }
    System.out.printf("rebalance (%s): longest pause around the join of a partition kept: %d ms,"
        + " of a partition that moved: %d ms%n", protocol, kept / 1_000_000, moved / 1_000_000);
  }

  private void produce(String topic, int count) throws Exception {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      records.add(KafkaTestSupport.record(topic, i % 4, null, "{}"));
    }
    KafkaTestSupport.produce(kafka, records);
  }

  /** @param assigned collects the partitions the member is given */
  private KarafkaApp member(String name, String topic, String protocol,
                            ConcurrentLinkedQueue<String> done, Map<Integer, List<Seen>> times,
                            List<String> assigned) {
    // classic: heartbeats every second tell a member of a rebalance within a second; the
    // consumer protocol's heartbeat interval is the broker's (group.consumer.heartbeat.interval.ms,
    // 5 s by default)
    return app("rebalance-" + name, c -> c.kafka(k -> groupProtocol(k, protocol)
            .sessionTimeout(java.time.Duration.ofSeconds(10))
            .heartbeatInterval(java.time.Duration.ofSeconds(1)))
            .monitor(event -> {
              if (event instanceof io.karafka.monitor.Event.Rebalanced r) {
                assigned.addAll(r.assigned());
              }
            }),
        r -> r.topic(topic).group("rebalance-" + protocol)
            .controller(() -> new MemberController(name, done, times)));
  }
}
