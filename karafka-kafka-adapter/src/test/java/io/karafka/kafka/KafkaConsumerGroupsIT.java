package io.karafka.kafka;

import static io.karafka.kafka.KafkaTestSupport.produce;
import static io.karafka.kafka.KafkaTestSupport.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.app.KafkaSettings;
import io.karafka.app.KarafkaApp;
import io.karafka.consumer.ConsumerGroup;
import io.karafka.consumer.ConsumerGroups;
import io.karafka.consumer.ConsumerGroupsUnavailableException;
import io.karafka.consumer.GroupMember;
import io.karafka.consumer.PartitionLag;
import io.karafka.server.KarafkaServer;
import io.karafka.testkit.Await;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Lag and members from the cluster's view: before the app ever ran, while it consumes (the
 * member named by host and pid), and after it stopped (the lag grows with nobody in the group).
 */
class KafkaConsumerGroupsIT extends OnEmbeddedBroker {
  @Test
  void lagAndMembersFollowTheGroupWhetherTheAppRunsOrNot() throws Exception {
    kafka.createTopic("lag.orders", 2);
    KarafkaApp app = app("lag", c -> { }, r -> r.topic("lag.orders").controller(
        () -> new Handled.OrdersController(handled, "lag")));
    produce(kafka, List.of(record("lag.orders", 0, null, "{\"n\":1}"),
        record("lag.orders", 0, null, "{\"n\":2}"), record("lag.orders", 1, null, "{\"n\":3}")));
    try (KafkaConsumerGroups groups = new KafkaConsumerGroups(app)) {
      ConsumerGroup before = groups.describe(ConsumerGroups.topicsOf(app)).getFirst();
      assertEquals("lag_lag.orders", before.group());
      assertEquals(List.of(), before.members());
      assertEquals(List.of(new PartitionLag("lag_lag.orders", "lag.orders", 0,
          OptionalLong.empty(), 2, 2, java.util.Optional.empty()), new PartitionLag(
          "lag_lag.orders", "lag.orders", 1, OptionalLong.empty(), 1, 1,
          java.util.Optional.empty())), before.partitions(), "never committed: counted from"
          + " the earliest offset");

      try (KarafkaServer server = start(app)) {
        Await.within(Duration.ofSeconds(60), "consumed and committed", () -> groups.describe(
            ConsumerGroups.topicsOf(app)).getFirst().lag() == 0 && handled.size() == 3);
        ConsumerGroup running = groups.describe(ConsumerGroups.topicsOf(app)).getFirst();
        assertEquals("Stable", running.state());
        GroupMember member = running.members().getFirst();
        String host = InetAddress.getLocalHost().getHostName();
        long pid = ProcessHandle.current().pid();
        assertEquals("lag-lag_lag.orders@" + host + ":" + pid, member.clientId());
        assertEquals(host, member.host());
        assertEquals(OptionalLong.of(pid), member.pid());
        assertEquals(2, running.partitionsOf(member));
        assertEquals(OptionalLong.of(2), running.partitions().getFirst().committed());
      }

      produce(kafka, List.of(record("lag.orders", 1, null, "{\"n\":4}"),
          record("lag.orders", 1, null, "{\"n\":5}")));
      ConsumerGroup stopped = groups.describe(ConsumerGroups.topicsOf(app)).getFirst();
      assertEquals(List.of(), stopped.members(), "the app is down");
      assertEquals(2, stopped.lag(), "and its lag grows");
      assertEquals(3, stopped.partitions().get(1).logEnd());

      ConsumerGroup missing = groups.describe(Map.of("nobody", List.of("lag.none")))
          .getFirst();
      assertEquals(List.of("lag.none"), missing.missingTopics());
      assertEquals(List.of(), missing.partitions());
    }
  }

  @Test
  void anUnreachableClusterIsNamedWithinTheTimeout() {
    KafkaSettings nowhere = io.karafka.app.KarafkaConfig.builder().name("lag")
        .kafka(k -> k.hosts("127.0.0.1:1")).build().kafka();
    try (KafkaConsumerGroups groups = new KafkaConsumerGroups(nowhere, "lag-test",
        Duration.ofMillis(500))) {
      ConsumerGroupsUnavailableException e = assertThrows(
          ConsumerGroupsUnavailableException.class, () -> groups.describe(Map.of("g",
              List.of("t"))));
      assertTrue(e.getMessage().startsWith("the Kafka cluster at 127.0.0.1:1 gave no answer"
          + " describing topic t (timeout 500 ms): "), e.getMessage());
    }
  }

  @Test
  void clientIdsTellHostAndPidBack() {
    assertEquals(java.util.Optional.of(new ClientIds.HostAndPid("web-1", OptionalLong.of(42))),
        ClientIds.hostAndPid("shop-orders@web-1:42"));
    assertEquals(java.util.Optional.empty(), ClientIds.hostAndPid("console-consumer"));
    assertEquals(java.util.Optional.empty(), ClientIds.hostAndPid("a@b:c"));
    assertTrue(ClientIds.consumer("shop", "orders").startsWith("shop-orders@"));
  }
}
