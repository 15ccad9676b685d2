package io.karafka.testkit;

import io.karafka.topic.TopicMapper;
import java.util.HashMap;
import java.util.Map;

/**
 * A topic mapper from a table of application name → Kafka name; names not in the table pass
 * through unchanged. Thread-safe.
 */
public final class InMemoryTopicMapper implements TopicMapper {
  private final Map<String, String> outgoing;
  private final Map<String, String> incoming = new HashMap<>();

  /** @param kafkaNames application topic name → Kafka topic name */
  public InMemoryTopicMapper(Map<String, String> kafkaNames) {
    this.outgoing = Map.copyOf(kafkaNames);
    outgoing.forEach((app, kafka) -> incoming.put(kafka, app));
  }

  @Override
  public String incoming(String kafkaTopic) {
    return incoming.getOrDefault(kafkaTopic, kafkaTopic);
  }

  @Override
  public String outgoing(String topic) {
    return outgoing.getOrDefault(topic, topic);
  }
}
