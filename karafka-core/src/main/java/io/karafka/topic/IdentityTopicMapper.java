package io.karafka.topic;

enum IdentityTopicMapper implements TopicMapper {
  INSTANCE;

  @Override
  public String incoming(String kafkaTopic) {
    return kafkaTopic;
  }

  @Override
  public String outgoing(String topic) {
    return topic;
  }

  @Override
  public String toString() {
    return "identity";
  }
}
