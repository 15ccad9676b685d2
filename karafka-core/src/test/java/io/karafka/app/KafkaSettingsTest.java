package io.karafka.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The record's own constructor holds the rules of {@link KafkaSettings.Builder}. */
class KafkaSettingsTest {
  private static final KafkaSettings GOOD = KarafkaConfig.builder().name("my_app")
      .environment(new Environment("test")).kafka(k -> k.hosts("127.0.0.1:9092")).build()
      .kafka();

  private static KafkaSettings withHostsAndTimeouts(List<String> hosts, Duration session,
                                                    Duration heartbeat) {
    return new KafkaSettings(hosts, session, GOOD.offsetCommitInterval(),
        GOOD.offsetCommitThreshold(), heartbeat, GOOD.ssl(), GOOD.properties(),
        GOOD.consumerThreads(), GOOD.maxPollRecords(), GOOD.retryBackoff(),
        GOOD.maxRetryBackoff(), GOOD.maxAttempts(), GOOD.deadLetterTopic(),
        GOOD.shutdownTimeout(), GOOD.perKeyMaxInFlight());
  }

  @Test
  void theConstructorRejectsWhatTheBuilderRejects() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () ->
        withHostsAndTimeouts(List.of("localhost"), Duration.ofSeconds(6),
            Duration.ofSeconds(8)));

    assertEquals("""
        Invalid Karafka configuration (2 problems):
          - kafka.hosts = 'localhost': each host must be host:port with a port from 1 to 65535.\
         Fix: set e.g. .hosts("127.0.0.1:9092")
          - kafka.heartbeatInterval = PT8S: must be lower than kafka.sessionTimeout (PT6S).\
         Fix: set it to a third of the session timeout or less""", e.getMessage());
  }

  @Test
  void everyRuleHoldsInTheConstructor() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () ->
        new KafkaSettings(null, Duration.ZERO, null, -1, Duration.ofSeconds(-1),
            new SslSettings(Optional.empty(), Optional.of("CERT"), Optional.empty()),
            Map.of(" ", "x"), -1, 0, Duration.ofSeconds(2), Duration.ofSeconds(1), 0,
            Optional.of("bad topic"), Duration.ZERO, 0));

    assertEquals(List.of("kafka.hosts", "kafka.sessionTimeout", "kafka.offsetCommitInterval",
            "kafka.heartbeatInterval", "kafka.offsetCommitThreshold", "kafka.ssl.clientCertKey",
            "kafka.properties. ", "kafka.consumerThreads", "kafka.maxPollRecords",
            "kafka.maxAttempts", "kafka.maxRetryBackoff", "kafka.shutdownTimeout",
            "kafka.perKeyMaxInFlight", "kafka.deadLetterTopic"),
        e.problems().stream().map(ConfigProblem::key).toList());
  }

  @Test
  void goodValuesAreCopied() {
    List<String> hosts = new ArrayList<>(List.of("a:1"));
    KafkaSettings settings = withHostsAndTimeouts(hosts, Duration.ofSeconds(30),
        Duration.ofSeconds(10));
    hosts.add("b:2");

    assertEquals(List.of("a:1"), settings.hosts());
  }
}
