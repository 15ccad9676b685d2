package io.karafka.topic;

/**
 * Hides provider-specific topic prefixes or suffixes, so the application routes and responds with
 * "pure" topic names. The consumer maps every incoming Kafka topic with {@link #incoming} before
 * routing; responders map every outgoing topic with {@link #outgoing} before sending.
 *
 * <pre>{@code
 * TopicMapper mapper = TopicMapper.prefix("karafka");
 * mapper.incoming("karafka.my_super_topic"); // "my_super_topic"
 * mapper.outgoing("my_other_topic");         // "karafka.my_other_topic"
 * }</pre>
 *
 * Implementations must be thread-safe and pure: the same input always gives the same output.
 */
public interface TopicMapper {
  /** @return the application's name for a topic as Kafka names it */
  String incoming(String kafkaTopic);

  /** @return Kafka's name for a topic as the application names it */
  String outgoing(String topic);

  /** @return the mapper that changes nothing (the default) */
  static TopicMapper identity() {
    return IdentityTopicMapper.INSTANCE;
  }

  /**
   * @param prefix namespace Kafka topics carry, without the dot (e.g. a cloud user name)
   * @return a mapper that adds {@code prefix + "."} going out and removes it coming in
   */
  static TopicMapper prefix(String prefix) {
    return new PrefixTopicMapper(prefix);
  }
}
