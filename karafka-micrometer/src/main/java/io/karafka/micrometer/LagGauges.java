package io.karafka.micrometer;

import io.karafka.consumer.GroupStatus;
import io.karafka.server.KarafkaServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code karafka.consumer.lag} per partition held and {@code karafka.consumer.partitions} per
 * group, from a running server's group states (which the Kafka adapter samples about once a
 * second). A partition no longer held, or not yet fetched, and every partition of a stopped
 * server have no row: nothing stale is reported. Sampled
 * on the metrics thread; rows keep their value holder, so a row is registered once.
 */
final class LagGauges {
  private final KarafkaServer server;
  private final MultiGauge lag;
  private final MultiGauge partitions;
  private Map<Tags, AtomicLong> lagValues = new HashMap<>();
  private Map<Tags, AtomicLong> partitionValues = new HashMap<>();

  LagGauges(MeterRegistry registry, KarafkaServer server) {
    this.server = server;
    this.lag = MultiGauge.builder("karafka.consumer.lag")
        .description("messages between the consumer's position and the partition's end")
        .register(registry);
    this.partitions = MultiGauge.builder("karafka.consumer.partitions")
        .description("partitions the consumer group holds").register(registry);
  }

  /** Reads the groups' states and updates the rows (on the metrics thread only). */
  synchronized void sample() {
    Map<Tags, AtomicLong> lags = new HashMap<>();
    Map<Tags, AtomicLong> held = new HashMap<>();
    // a server that stopped holds no partitions, whatever its consumers saw last
    for (GroupStatus group : server.running() ? server.groups() : List.<GroupStatus>of()) {
      set(held, partitionValues, Tags.of("group", group.group()), group.partitions());
      for (GroupStatus.Lag partition : group.lag()) {
        set(lags, lagValues, Tags.of("group", group.group(), "topic", partition.topic(),
            "partition", Integer.toString(partition.partition())), partition.messages());
      }
    }
    lagValues = lags;
    partitionValues = held;
    lag.register(rows(lags), false);
    partitions.register(rows(held), false);
  }

  /** Removes every row. */
  synchronized void remove() {
    lag.register(List.of(), true);
    partitions.register(List.of(), true);
  }

  private static void set(Map<Tags, AtomicLong> now, Map<Tags, AtomicLong> before, Tags tags,
                          long value) {
    AtomicLong holder = before.getOrDefault(tags, new AtomicLong());
    holder.set(value);
    now.put(tags, holder);
  }

  private static List<MultiGauge.Row<?>> rows(Map<Tags, AtomicLong> values) {
    List<MultiGauge.Row<?>> rows = new ArrayList<>(values.size());
    values.forEach((tags, holder) -> rows.add(MultiGauge.Row.of(tags, holder)));
    return rows;
  }
}
