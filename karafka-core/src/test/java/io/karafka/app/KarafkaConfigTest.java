package io.karafka.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.job.Worker;
import io.karafka.monitor.Event;
import io.karafka.monitor.LoggingMonitor;
import io.karafka.monitor.Monitor;
import io.karafka.topic.TopicMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

/** Defaults and pass-through options of {@link KarafkaConfig}; invalid options are in
 * {@link KarafkaConfigValidationTest}. */
class KarafkaConfigTest {
  private static KarafkaConfig.Builder named() {
    return KarafkaConfig.builder().name("my_app").environment(new Environment("test"));
  }

  @Test
  void kafkaDefaultsFollowTheSeed() {
    KafkaSettings kafka = named().build().kafka();

    assertEquals(Duration.ofSeconds(30), kafka.sessionTimeout());
    assertEquals(Duration.ofSeconds(10), kafka.offsetCommitInterval());
    assertEquals(0, kafka.offsetCommitThreshold());
    assertEquals(Duration.ofSeconds(10), kafka.heartbeatInterval());
    assertEquals(List.of(), kafka.hosts());
    assertEquals(Map.of(), kafka.properties());
    assertEquals(SslSettings.none(), kafka.ssl());
    assertFalse(kafka.ssl().enabled());
  }

  @Test
  void poolAndJobDefaultsFollowTheSeed() {
    KarafkaConfig config = named().build();

    assertEquals(5, config.connectionPool().size());
    assertEquals(Duration.ofSeconds(5), config.connectionPool().timeout());
    JobSettings jobs = config.jobs();
    assertEquals(10, jobs.concurrency());
    assertFalse(jobs.virtualThreads());
    assertEquals(List.of("default"), jobs.queues());
    assertEquals(25, jobs.retry());
    assertEquals(Worker.DEFAULT_RETRY, jobs.retry());
    assertEquals(Optional.empty(), jobs.timeout());
    assertEquals(Duration.ofSeconds(25), jobs.shutdownTimeout());
    assertEquals(Duration.ofSeconds(1), jobs.pollInterval());
    assertEquals(10_000, jobs.deadMaxJobs());
    assertEquals(Duration.ofDays(180), jobs.deadTimeout());
  }

  @Test
  void appDefaults() {
    KarafkaConfig config = named().build();

    assertEquals("my_app", config.name());
    assertEquals(new Environment("test"), config.environment());
    assertTrue(config.startFromBeginning());
    assertFalse(config.inlineMode());
    assertFalse(config.batchMode());
    assertSame(TopicMapper.identity(), config.topicMapper());
    assertInstanceOf(LoggingMonitor.class, config.monitor());
    assertEquals("io.karafka", config.logger().getName());
    assertEquals(Optional.empty(), config.parser());
    assertEquals(Optional.empty(), config.interchanger());
  }

  @Test
  void environmentDefaultsToKarafkaEnvOfTheProcess() {
    KarafkaConfig config = KarafkaConfig.builder().name("my_app").build();

    assertEquals(Environment.current(), config.environment());
  }

  @Test
  void defaultMonitorLogsToTheConfiguredLogger() {
    List<String> lines = new ArrayList<>();
    System.Logger logger = new System.Logger() {
      @Override
      public String getName() {
        return "custom";
      }

      @Override
      public boolean isLoggable(Level level) {
        return true;
      }

      @Override
      public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        lines.add(level + " " + msg);
      }

      @Override
      public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        lines.add(level + " " + format);
      }
    };

    KarafkaConfig config = named().logger(logger).build();
    config.monitor().notice(new Event.Rebalanced("g", List.of("users-0"), List.of()));

    assertSame(logger, config.logger());
    assertEquals(List.of("INFO group g rebalanced: assigned [users-0], revoked []"), lines);
  }

  @Test
  void explicitMonitorReplacesTheDefault() {
    Monitor monitor = event -> { };

    assertSame(monitor, named().monitor(monitor).build().monitor());
  }

  @Test
  void explicitOptionsAreKept() {
    TopicMapper mapper = TopicMapper.prefix("acme");
    KarafkaConfig config = named()
        .topicMapper(mapper)
        .inlineMode(true)
        .batchMode(true)
        .startFromBeginning(false)
        .kafka(k -> k.hosts("127.0.0.1:9092", "[::1]:9093").sessionTimeout(Duration.ofSeconds(60))
            .heartbeatInterval(Duration.ofSeconds(20)).offsetCommitThreshold(1000))
        .connectionPool(p -> p.size(20).timeout(Duration.ofSeconds(2)))
        .jobs(j -> j.concurrency(3).queues("critical", "default").retry(0)
            .timeout(Duration.ofMinutes(5)).virtualThreads(true))
        .build();

    assertSame(mapper, config.topicMapper());
    assertTrue(config.inlineMode());
    assertTrue(config.batchMode());
    assertFalse(config.startFromBeginning());
    assertEquals(List.of("127.0.0.1:9092", "[::1]:9093"), config.kafka().hosts());
    assertEquals(Duration.ofSeconds(60), config.kafka().sessionTimeout());
    assertEquals(Duration.ofSeconds(20), config.kafka().heartbeatInterval());
    assertEquals(1000, config.kafka().offsetCommitThreshold());
    assertEquals(new ConnectionPoolSettings(20, Duration.ofSeconds(2)), config.connectionPool());
    assertEquals(3, config.jobs().concurrency());
    assertEquals(List.of("critical", "default"), config.jobs().queues());
    assertEquals(0, config.jobs().retry());
    assertEquals(Optional.of(Duration.ofMinutes(5)), config.jobs().timeout());
    assertTrue(config.jobs().virtualThreads());
  }

  @Test
  void sslSettingsAreKeptAndTheKeyIsMaskedInToString() {
    KarafkaConfig config = named()
        .kafka(k -> k.sslCaCert("CA-PEM").sslClientCert("CERT-PEM")
            .sslClientCertKey("SECRET-KEY-PEM"))
        .build();

    SslSettings ssl = config.kafka().ssl();
    assertTrue(ssl.enabled());
    assertEquals(Optional.of("CA-PEM"), ssl.caCert());
    assertEquals(Optional.of("CERT-PEM"), ssl.clientCert());
    assertEquals(Optional.of("SECRET-KEY-PEM"), ssl.clientCertKey());
    assertEquals("SslSettings[caCert=set, clientCert=set, clientCertKey=****]", ssl.toString());
    assertFalse(config.toString().contains("SECRET-KEY-PEM"), config.toString());
  }

  @Test
  void sslWithCaCertOnlyIsEnabled() {
    SslSettings ssl = named().kafka(k -> k.sslCaCert("CA-PEM")).build().kafka().ssl();

    assertTrue(ssl.enabled());
    assertEquals("SslSettings[caCert=set, clientCert=none, clientCertKey=none]", ssl.toString());
  }

  @Test
  void kafkaPropertiesArePassedThroughAndFrozen() {
    KarafkaConfig config = named()
        .kafka(k -> k.property("sasl.mechanism", "PLAIN").property("fetch.max.bytes", "1048576"))
        .build();

    Map<String, String> properties = config.kafka().properties();
    assertEquals(Map.of("sasl.mechanism", "PLAIN", "fetch.max.bytes", "1048576"), properties);
    assertThrows(UnsupportedOperationException.class, () -> properties.put("x", "y"));
  }

  @Test
  void blankPropertyKeyIsReported() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> named().kafka(k -> k.property(" ", "v")).build());

    assertEquals("Invalid Karafka configuration: kafka.properties.  = 'v': property keys and"
        + " values must not be empty. Fix: remove it or give it a value", e.getMessage());
  }

  @Test
  void builtSettingsAreIsolatedFromTheBuilder() {
    KarafkaConfig.Builder builder = named().kafka(k -> k.property("a", "1"));
    KarafkaConfig first = builder.build();
    builder.kafka(k -> k.property("b", "2"));

    assertEquals(Map.of("a", "1"), first.kafka().properties());
    assertEquals(Map.of("a", "1", "b", "2"), builder.build().kafka().properties());
  }
}
