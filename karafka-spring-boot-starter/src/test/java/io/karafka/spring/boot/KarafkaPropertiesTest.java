package io.karafka.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.app.JobSettings;
import io.karafka.app.KafkaSettings;
import io.karafka.app.KarafkaApp;
import io.karafka.app.KarafkaConfig;
import io.karafka.monitor.LoggingMonitor;
import io.karafka.testkit.RecordingMonitor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** The {@code karafka.*} properties reach the framework's config, validated by it. */
class KarafkaPropertiesTest {

  @Test
  void everyPropertyReachesTheFrameworksConfig() {
    try (ConfigurableApplicationContext context = Boot.run(TestApps.Inline.class,
        "spring.application.name=ignored", "karafka.name=shop", "karafka.environment=test",
        "karafka.batch-mode=true", "karafka.start-from-beginning=false",
        "karafka.topic-prefix=acme", "karafka.monitor.reminder-interval=2m",
        "karafka.health.port=0",
        "karafka.kafka.hosts=127.0.0.1:9092,127.0.0.1:9093",
        "karafka.kafka.session-timeout=45s", "karafka.kafka.offset-commit-interval=3",
        "karafka.kafka.offset-commit-threshold=100", "karafka.kafka.heartbeat-interval=5s",
        "karafka.kafka.consumer-threads=4", "karafka.kafka.max-poll-records=50",
        "karafka.kafka.retry-backoff=500ms", "karafka.kafka.max-retry-backoff=30s",
        "karafka.kafka.max-attempts=3", "karafka.kafka.dead-letter-topic=dead",
        "karafka.kafka.shutdown-timeout=20s", "karafka.kafka.per-key-max-in-flight=200",
        "karafka.kafka.properties.sasl.mechanism=PLAIN",
        "karafka.connection-pool.size=7", "karafka.connection-pool.timeout=9s",
        "karafka.jobs.concurrency=3", "karafka.jobs.virtual-threads=true",
        "karafka.jobs.queues=critical,default", "karafka.jobs.retry=4",
        "karafka.jobs.timeout=1m", "karafka.jobs.shutdown-timeout=10s",
        "karafka.jobs.poll-interval=2s", "karafka.jobs.dead-max-jobs=99",
        "karafka.jobs.dead-timeout=7d", "karafka.jobs.prefetch=5",
        "karafka.server.enabled=false")) {
      KarafkaConfig config = context.getBean(KarafkaApp.class).config();
      assertEquals("shop", config.name());
      assertEquals("test", config.environment().name());
      assertTrue(config.batchMode());
      assertFalse(config.inlineMode());
      assertFalse(config.startFromBeginning());
      assertEquals("acme.pings", config.topicMapper().outgoing("pings"));
      assertEquals(Duration.ofMinutes(2), config.reminderInterval());
      KafkaSettings kafka = config.kafka();
      assertEquals(List.of("127.0.0.1:9092", "127.0.0.1:9093"), kafka.hosts());
      assertEquals(Duration.ofSeconds(45), kafka.sessionTimeout());
      assertEquals(Duration.ofSeconds(3), kafka.offsetCommitInterval(), "a bare number: s");
      assertEquals(100, kafka.offsetCommitThreshold());
      assertEquals(Duration.ofSeconds(5), kafka.heartbeatInterval());
      assertEquals(4, kafka.consumerThreads());
      assertEquals(50, kafka.maxPollRecords());
      assertEquals(Duration.ofMillis(500), kafka.retryBackoff());
      assertEquals(Duration.ofSeconds(30), kafka.maxRetryBackoff());
      assertEquals(3, kafka.maxAttempts());
      assertEquals(Optional.of("dead"), kafka.deadLetterTopic());
      assertEquals(Duration.ofSeconds(20), kafka.shutdownTimeout());
      assertEquals(200, kafka.perKeyMaxInFlight());
      assertEquals(Map.of("sasl.mechanism", "PLAIN"), kafka.properties());
      assertEquals(7, config.connectionPool().size());
      assertEquals(Duration.ofSeconds(9), config.connectionPool().timeout());
      JobSettings jobs = config.jobs();
      assertEquals(3, jobs.concurrency());
      assertTrue(jobs.virtualThreads());
      assertEquals(List.of("critical", "default"), jobs.queues());
      assertEquals(4, jobs.retry());
      assertEquals(Optional.of(Duration.ofMinutes(1)), jobs.timeout());
      assertEquals(Duration.ofSeconds(10), jobs.shutdownTimeout());
      assertEquals(Duration.ofSeconds(2), jobs.pollInterval());
      assertEquals(99, jobs.deadMaxJobs());
      assertEquals(Duration.ofDays(7), jobs.deadTimeout());
      assertEquals(5, jobs.prefetch());
    }
  }

  @Test
  void unsetPropertiesKeepTheFrameworksDefaultsAndTheNameComesFromSpring() {
    try (ConfigurableApplicationContext context = Boot.run(TestApps.Inline.class,
        "spring.application.name=billing", "karafka.kafka.hosts=127.0.0.1:9092",
        "karafka.server.enabled=false")) {
      KarafkaConfig config = context.getBean(KarafkaApp.class).config();
      KarafkaConfig defaults = KarafkaConfig.builder().name("billing")
          .kafka(k -> k.hosts("127.0.0.1:9092")).build();
      assertEquals("billing", config.name());
      assertEquals(defaults.kafka(), config.kafka());
      assertEquals(defaults.jobs(), config.jobs());
      assertEquals(defaults.connectionPool(), config.connectionPool());
      assertEquals(defaults.startFromBeginning(), config.startFromBeginning());
      assertEquals(defaults.reminderInterval(), config.reminderInterval());
      assertEquals("pings", config.topicMapper().outgoing("pings"));
    }
  }

  @Test
  void customizersSetWhatPropertiesCannotSayAndMonitorBeansJoinTheLoggingMonitor() {
    try (ConfigurableApplicationContext context = Boot.run(TestApps.Customized.class,
        "karafka.name=shop", "karafka.kafka.hosts=127.0.0.1:9092",
        "karafka.server.enabled=false")) {
      KarafkaApp app = context.getBean(KarafkaApp.class);
      assertEquals(TestApps.Customized.CLOCK, app.config().clock());
      assertTrue(app.monitor().find(RecordingMonitor.class).isPresent());
      assertTrue(app.monitor().find(LoggingMonitor.class).isPresent());
    }
  }
}
