package io.karafka.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Which partitions kept through a rebalance had their topic recreated under them. */
class StaleOffsetsTest {
  @Test
  void aKeptPartitionWhoseTopicHasAnotherIdNowIsRecreated() {
    PartitionState recreated = new PartitionState(new TopicPartition("orders", 0), "old");
    PartitionState same = new PartitionState(new TopicPartition("users", 0), "u1");
    PartitionState positionUnknown = new PartitionState(new TopicPartition("orders", 1), "");
    PartitionState idUnknownNow = new PartitionState(new TopicPartition("audit", 0), "a1");

    assertEquals(List.of(recreated), StaleOffsets.recreated(
        List.of(recreated, same, positionUnknown, idUnknownNow),
        Map.of("orders", "new", "users", "u1")));
  }
}
