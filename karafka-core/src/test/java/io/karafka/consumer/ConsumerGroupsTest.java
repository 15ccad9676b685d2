package io.karafka.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.karafka.app.AppFixtures;
import io.karafka.app.Environment;
import io.karafka.app.KarafkaApp;
import io.karafka.job.ProcessInfo;
import io.karafka.topic.PrefixTopicMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ConsumerGroupsTest {
  @Test
  void theAppsGroupsAndKafkasTopicNamesComeFromItsRoutes() {
    KarafkaApp app = KarafkaApp.builder().setup(c -> c.name("shop")
            .environment(new Environment("test")).parser(new AppFixtures.TextParser())
            .interchanger(new AppFixtures.NoInterchanger())
            .topicMapper(new PrefixTopicMapper("prod")))
        .routes(r -> {
          r.topic("orders").controller(AppFixtures.Plain.class);
          r.topic("payments").group("money").controller(AppFixtures.Plain.class);
          r.topic("refunds").controller(AppFixtures.Plain.class);
        })
        .build();

    assertEquals(Map.of("shop_orders", List.of("prod.orders"), "money", List.of(
        "prod.payments"), "shop_refunds", List.of("prod.refunds")), ConsumerGroups.topicsOf(app));
    assertEquals(List.of("shop_orders", "money", "shop_refunds"), List.copyOf(ConsumerGroups
        .topicsOf(app).keySet()), "in route order");
  }

  @Test
  void lagCountsFromTheCommittedOffsetOrElseFromTheEarliest() {
    assertEquals(3, PartitionLag.lag(OptionalLong.of(7), 2, 10));
    assertEquals(8, PartitionLag.lag(OptionalLong.empty(), 2, 10));
    assertEquals(0, PartitionLag.lag(OptionalLong.of(12), 2, 10), "never negative");
  }

  @Test
  void aGroupSumsItsLagAndCountsWhatEachMemberHolds() {
    GroupMember one = new GroupMember("m-1", "shop-orders@web-1:42", "web-1",
        OptionalLong.of(42));
    GroupMember idle = new GroupMember("m-2", "other", "/10.0.0.2", OptionalLong.empty());
    ConsumerGroup group = new ConsumerGroup("shop_orders", "Stable", List.of(one, idle), List.of(
        new PartitionLag("shop_orders", "orders", 0, OptionalLong.of(5), 9, 4, Optional.of(one)),
        new PartitionLag("shop_orders", "orders", 1, OptionalLong.empty(), 3, 3,
            Optional.of(one))), List.of());

    assertEquals(7, group.lag());
    assertEquals(2, group.partitionsOf(one));
    assertEquals(0, group.partitionsOf(idle));
    assertEquals("partition, logEnd and lag must not be negative, were 0, 9, -1",
        assertThrows(IllegalArgumentException.class, () -> new PartitionLag("g", "t", 0,
            OptionalLong.empty(), 9, -1, Optional.empty())).getMessage());
  }

  @Test
  void processesTellTheKarafkaVersionTheBuildPutThere() {
    assertNotEquals("unknown", ProcessInfo.KARAFKA_VERSION);
    assertEquals(false, ProcessInfo.KARAFKA_VERSION.contains("$"));
  }
}
