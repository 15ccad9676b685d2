package io.karafka.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverridesTest {
  @TempDir
  Path config;

  private KarafkaConfig build(Map<String, String> variables) {
    return KarafkaConfig.builder().name("shop")
        .kafka(k -> k.hosts("code:9092").sessionTimeout(Duration.ofSeconds(30)))
        .jobs(j -> j.concurrency(5))
        .overrides(Overrides.of(config, variables)).build();
  }

  @Test
  void codeThenTheEnvironmentsFileThenEnvironmentVariables() throws Exception {
    assertEquals(List.of("code:9092"), build(Map.of()).kafka().hosts());
    Files.writeString(config.resolve("karafka-production.properties"), """
        kafka.hosts = file-1:9092, file-2:9092
        kafka.session_timeout = 12.5
        jobs.concurrency = 7
        inline_mode = true
        kafka.property.sasl.mechanism = PLAIN
        """);
    assertEquals(List.of("code:9092"), build(Map.of()).kafka().hosts(),
        "the development environment has no file");
    KarafkaConfig production = build(Map.of("KARAFKA_ENV", "production"));
    assertEquals(List.of("file-1:9092", "file-2:9092"), production.kafka().hosts());
    assertEquals(Duration.ofMillis(12_500), production.kafka().sessionTimeout());
    assertEquals(7, production.jobs().concurrency());
    assertEquals(true, production.inlineMode());
    assertEquals("PLAIN", production.kafka().properties().get("sasl.mechanism"));
    KarafkaConfig overridden = build(Map.of("KARAFKA_ENV", "production",
        "KARAFKA_KAFKA_HOSTS", "env:9092", "KARAFKA_JOBS_CONCURRENCY", "9"));
    assertEquals(List.of("env:9092"), overridden.kafka().hosts());
    assertEquals(9, overridden.jobs().concurrency());
    assertEquals(Duration.ofMillis(12_500), overridden.kafka().sessionTimeout());
  }

  @Test
  void unknownKeysAndBadValuesNameTheirSource() throws Exception {
    Files.writeString(config.resolve("karafka-test.properties"), "kafka.hostz = x:1\n");
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> build(Map.of("KARAFKA_ENV", "test", "KARAFKA_INLINE_MODE", "maybe",
            "KARAFKA_JOBS_CONCURRENCY", "0")));
    assertEquals(List.of(
        "kafka.hostz = 'x:1': is not a setting (from karafka-test.properties). Fix: use one of"
            + " name, inline_mode, batch_mode, start_from_beginning, monitor.reminder_interval,"
            + " health.port, kafka.hosts, kafka.session_timeout, kafka.offset_commit_interval,"
            + " kafka.offset_commit_threshold, kafka.heartbeat_interval, kafka.ssl.ca_cert,"
            + " kafka.ssl.client_cert, kafka.ssl.client_cert_key, kafka.dead_letter_topic,"
            + " kafka.max_attempts, kafka.per_key_max_in_flight, connection_pool.size,"
            + " connection_pool.timeout,"
            + " jobs.concurrency, jobs.queues, jobs.retry, jobs.timeout",
        "inline_mode = 'maybe': must be true or false (from environment variable"
            + " KARAFKA_INLINE_MODE). Fix: correct the value",
        "jobs.concurrency = 0: must be between 1 and 10000. Fix: set e.g. .concurrency(10)"),
        e.problems().stream().map(ConfigProblem::toString).toList());
  }

  @Test
  void describeListsWhatAppliesInOrder() throws Exception {
    Files.writeString(config.resolve("karafka-development.properties"), "name = a\n");
    assertEquals(List.of("name (karafka-development.properties)",
        "jobs.retry (environment variable KARAFKA_JOBS_RETRY)"),
        Overrides.of(config, Map.of("KARAFKA_JOBS_RETRY", "3", "PATH", "/bin",
            "KARAFKA_PID_FILE", "/run/k.pid", "KARAFKA_BOOT_FILE", "x")).describe(),
        "KARAFKA_ENV, KARAFKA_PID_FILE and KARAFKA_BOOT_FILE are Karafka's own, not settings");
  }
}
