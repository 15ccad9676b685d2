package io.karafka.topic;

import java.util.Objects;

/**
 * Adds {@code prefix.} to outgoing topics and removes it from incoming ones (the seed's
 * {@code KarafkaTopicMapper}). Incoming topics without the prefix pass through unchanged.
 *
 * @param prefix the namespace, non-blank, without the trailing dot
 */
public record PrefixTopicMapper(String prefix) implements TopicMapper {
  /** Validates the prefix. */
  public PrefixTopicMapper {
    Objects.requireNonNull(prefix, "prefix");
    if (prefix.isBlank()) {
      throw new IllegalArgumentException("topic mapper prefix must not be blank");
    }
  }

  @Override
  public String incoming(String kafkaTopic) {
    String dotted = prefix + ".";
    return kafkaTopic.startsWith(dotted) ? kafkaTopic.substring(dotted.length()) : kafkaTopic;
  }

  @Override
  public String outgoing(String topic) {
    return prefix + "." + topic;
  }
}
