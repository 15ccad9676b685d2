/**
 * The {@link io.karafka.topic.TopicMapper} port: the app's topic names to Kafka's and back
 * (identity, or a prefix per environment).
 */
package io.karafka.topic;
