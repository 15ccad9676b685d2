package io.karafka.kafka;

import io.karafka.app.KafkaSettings;
import io.karafka.app.KarafkaConfig;
import io.karafka.consumer.MessageSource;
import io.karafka.testkit.EmbeddedKafkaExtension;
import io.karafka.testkit.MessageSourceContract;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The message source contract of the test kit, on kafka-clients and an embedded broker. */
class KafkaMessageSourceContractIT extends MessageSourceContract {
  @RegisterExtension
  static final EmbeddedKafkaExtension broker = new EmbeddedKafkaExtension();

  /** Built without an app: the source takes only what it uses. */
  @Override
  protected MessageSource createSource() {
    KafkaSettings kafka = KarafkaConfig.builder().name("contract")
        .kafka(k -> k.hosts(broker.broker().bootstrapServers())
            .retryBackoff(Duration.ofMillis(20)).maxRetryBackoff(Duration.ofMillis(100))
            .offsetCommitInterval(Duration.ofHours(1)))  // only close() commits
        .build().kafka();
    return KafkaMessageSource.builder(kafka).name("contract").build();
  }

  @Override
  protected String createTopic(int partitions) {
    String topic = "source-contract-" + UUID.randomUUID();
    broker.broker().createTopic(topic, partitions);
    return topic;
  }

  @Override
  protected void publish(MessageSource source, String topic, int partition,
                         List<String> payloads) throws Exception {
    KafkaTestSupport.produce(broker.broker(), payloads.stream()
        .map(p -> KafkaTestSupport.record(topic, partition, null, p)).toList());
  }

  @Override
  protected OptionalLong committed(MessageSource source, String group, String topic,
                                   int partition) throws Exception {
    Long offset = KafkaTestSupport.committed(broker.broker(), group)
        .get(new TopicPartition(topic, partition));
    return offset == null ? OptionalLong.empty() : OptionalLong.of(offset);
  }
}
