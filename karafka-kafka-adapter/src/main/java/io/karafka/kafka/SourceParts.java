package io.karafka.kafka;

import io.karafka.app.KafkaSettings;
import io.karafka.monitor.Dependencies;
import io.karafka.monitor.Monitor;
import io.karafka.topic.TopicMapper;
import java.time.Clock;
import java.util.Objects;

/**
 * What the consumer side uses of an app: its name (client ids), the Kafka settings, the topic
 * mapper (dead-letter topic), the monitor, the dependency states and the clock.
 */
record SourceParts(String name, KafkaSettings kafka, TopicMapper topicMapper, Monitor monitor,
                   Dependencies dependencies, Clock clock) {
  SourceParts {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(topicMapper, "topicMapper");
    Objects.requireNonNull(monitor, "monitor");
    Objects.requireNonNull(dependencies, "dependencies");
    Objects.requireNonNull(clock, "clock");
  }
}
