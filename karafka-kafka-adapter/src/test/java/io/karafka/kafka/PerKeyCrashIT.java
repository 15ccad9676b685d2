package io.karafka.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The crash drill of per-key mode: a server process killed with SIGKILL mid-stream (no shutdown
 * hook, no last commit) and a new one started. Nothing was committed past a message that had
 * not finished, no message is lost, and each key's first completions stay in offset order.
 */
class PerKeyCrashIT extends OnEmbeddedBroker {
  private static final String TOPIC = "perkey-crash";
  private static final int PARTITIONS = 4;
  private static final String GROUP = "perkeycrash_" + TOPIC;
  private static final int MESSAGES = 12_000;
  private static final int KEYS = 200; // a multiple of PARTITIONS: a key stays in one partition

  @Test
  void aKilledConsumerLosesNothingAndKeepsEachKeysOrder() throws Exception {
    kafka.createTopic(TOPIC, PARTITIONS);
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < MESSAGES; i++) {
      records.add(KafkaTestSupport.record(TOPIC, i % PARTITIONS, "key-" + (i % KEYS), "{}"));
    }
    KafkaTestSupport.produce(kafka, records);

    List<String> firstRun;
    try (ChildProcess first = ChildProcess.start(PerKeyCrashMain.class,
        kafka.bootstrapServers(), TOPIC)) {
      int[] done = {0};
      first.awaitLine(line -> line.startsWith("done ") && ++done[0] >= MESSAGES / 10,
          MESSAGES / 10 + " done lines");
      KafkaTestSupport.await("a first commit", () -> !committed(GROUP).isEmpty());
      first.kill();
      first.drain();
      firstRun = done(first.seen());
    }
    Map<TopicPartition, Long> committedAtKill = committed(GROUP);
    assertTrue(firstRun.size() < MESSAGES, "killed before the end: " + firstRun.size());
    committedAtKill.forEach((tp, offset) -> assertTrue(
        offset <= lowestUnfinished(firstRun, tp.partition()), tp + " was committed at " + offset
            + " past a message the killed process had not finished"));

    Set<String> distinct = new HashSet<>(firstRun);
    List<String> all = new ArrayList<>(firstRun);
    try (ChildProcess second = ChildProcess.start(PerKeyCrashMain.class,
        kafka.bootstrapServers(), TOPIC)) {
      second.awaitLine(line -> {
        if (line.startsWith("done ")) {
          distinct.add(line.substring(5));
        }
        return distinct.size() >= MESSAGES;
      }, "every message done");
      all.addAll(done(second.seen()));
      assertTrue(second.terminate(), "the second process exits on SIGTERM");
    }

    assertEquals(MESSAGES, distinct.size(), "a message was lost");
    Map<String, List<Long>> firstCompletions = new HashMap<>();
    Set<String> seen = new LinkedHashSet<>();
    for (String entry : all) {
      if (seen.add(entry)) {
        String key = entry.substring(entry.indexOf(' ') + 1);
        firstCompletions.computeIfAbsent(key, k -> new ArrayList<>()).add(offset(entry));
      }
    }
    assertEquals(KEYS, firstCompletions.size());
    firstCompletions.forEach((key, offsets) -> assertEquals(offsets.stream().sorted().toList(),
        offsets, key + " finished out of order"));
    System.out.printf("per-key crash drill: %d done before kill -9, committed %s, %d performed"
        + " twice after the restart%n", firstRun.size(), committedAtKill,
        all.size() - MESSAGES);
  }

  private Map<TopicPartition, Long> committed(String group) {
    try {
      return KafkaTestSupport.committed(kafka, group);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** @return the "partition@offset key" entries of the done lines */
  private static List<String> done(List<String> lines) {
    return lines.stream().filter(l -> l.startsWith("done ")).map(l -> l.substring(5)).toList();
  }

  private static long offset(String entry) {
    return Long.parseLong(entry.substring(entry.indexOf('@') + 1, entry.indexOf(' ')));
  }

  /** @return the lowest offset of the partition that the entries do not hold */
  private static long lowestUnfinished(List<String> entries, int partition) {
    TreeSet<Long> offsets = new TreeSet<>();
    for (String e : entries) {
      if (e.startsWith(partition + "@")) {
        offsets.add(offset(e));
      }
    }
    long next = 0;
    while (offsets.contains(next)) {
      next++;
    }
    return next;
  }
}
