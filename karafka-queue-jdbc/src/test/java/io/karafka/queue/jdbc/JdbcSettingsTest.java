package io.karafka.queue.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.app.ConfigProblem;
import io.karafka.app.ConfigurationException;
import io.karafka.app.JobSettings;
import io.karafka.job.JobStoreUnavailableException;
import io.karafka.monitor.Monitor;
import io.karafka.testkit.MutableClock;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JdbcSettingsTest {
  @Test
  void defaults() {
    JdbcSettings settings = JdbcSettings.builder().jdbcUrl("jdbc:postgresql://db/app").build();
    assertEquals(10, settings.poolSize());
    assertEquals("karafka_", settings.tablePrefix());
    assertEquals(Duration.ofSeconds(25), settings.leaseTime());
    assertEquals(Duration.ofSeconds(1), settings.pollInterval());
    assertEquals(Duration.ZERO, settings.retention());
    assertEquals(JobSettings.defaults(), settings.jobs());
    assertEquals(10_000, settings.jobs().deadMaxJobs());
    assertEquals(Duration.ofDays(180), settings.jobs().deadTimeout());
    assertTrue(settings.listen());
    assertTrue(settings.autoMigrate());
    assertTrue(settings.asyncLeaseCommits());
  }

  @Test
  void everyBadValueIsReportedAtOnceWithItsFix() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () ->
        JdbcSettings.builder().jdbcUrl("jdbc:mysql://db/app?password=hunter2").poolSize(0)
            .tablePrefix("Bad-Prefix").leaseTime(Duration.ZERO)
            .retention(Duration.ofSeconds(-1)).build());
    assertEquals("""
        Invalid Karafka configuration (5 problems):
          - jdbc.jdbcUrl = 'jdbc:mysql://db/app?password=***': must be a PostgreSQL JDBC URL\
         (jdbc:postgresql://host:port/database). Fix: set e.g.\
         .jdbcUrl("jdbc:postgresql://localhost:5432/app")
          - jdbc.poolSize = 0: must be between 1 and 1000. Fix: set e.g. .poolSize(10)
          - jdbc.tablePrefix = 'Bad-Prefix': must be 1-40 characters from [a-z0-9_], not\
         starting with a digit. Fix: set e.g. .tablePrefix("karafka_")
          - jdbc.leaseTime = PT0S: must be a positive duration. Fix: set e.g.\
         .leaseTime(Duration.ofSeconds(25))
          - jdbc.retention = PT-1S: must be zero (delete at once) or positive. Fix: set e.g.\
         .retention(Duration.ZERO)""", e.getMessage());
    assertEquals(5, e.problems().size());
    assertFalse(e.getMessage().contains("hunter2"));
  }

  @Test
  void oneBadValue() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () ->
        JdbcSettings.builder().connectionTimeout(Duration.ofMillis(100)).build());
    assertEquals("Invalid Karafka configuration: jdbc.connectionTimeout = PT0.1S: must be at"
        + " least 250 ms. Fix: set e.g. .connectionTimeout(Duration.ofSeconds(5))",
        e.getMessage());
  }

  @Test
  void aStoreWithItsOwnPoolNeedsAUrl() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () ->
        new JdbcJobStore(JdbcSettings.builder().build(), MutableClock.now()));
    assertEquals("Invalid Karafka configuration: jdbc.jdbcUrl = null: must be set when the"
        + " store opens its own pool. Fix: set e.g."
        + " .jdbcUrl(\"jdbc:postgresql://localhost:5432/app\"), or pass a DataSource",
        e.getMessage());
  }

  @Test
  void prefixesAreIdentifiers() {
    for (String bad : new String[] {"", "1abc", "a-b", "a b", "a;drop", "A_", "x".repeat(41)}) {
      assertThrows(ConfigurationException.class,
          () -> JdbcSettings.builder().tablePrefix(bad).build(), bad);
    }
    for (String good : new String[] {"karafka_", "_x", "jobs2_", "x".repeat(40)}) {
      assertEquals(good, JdbcSettings.builder().tablePrefix(good).build().tablePrefix());
    }
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> JdbcSchema.sql("my-jobs"));
    assertEquals("Invalid Karafka configuration: jdbc.tablePrefix = 'my-jobs': must be 1-40"
        + " characters from [a-z0-9_], not starting with a digit. Fix: set e.g."
        + " .tablePrefix(\"karafka_\")", e.getMessage());
  }

  @Test
  void theConstructorAppliesTheBuildersRules() {
    JdbcSettings good = JdbcSettings.builder().jdbcUrl("jdbc:postgresql://db/app").build();
    ConfigurationException e = assertThrows(ConfigurationException.class, () ->
        new JdbcSettings(good.jdbcUrl(), good.username(), good.password(), good.poolSize(),
            good.connectionTimeout(), "x; DROP TABLE y --", good.leaseTime(),
            good.pollInterval(), good.housekeepingInterval(), good.retention(),
            good.jobs(), good.listen(), good.autoMigrate(), good.asyncLeaseCommits()));
    assertEquals("Invalid Karafka configuration: jdbc.tablePrefix = 'x; DROP TABLE y --': must"
        + " be 1-40 characters from [a-z0-9_], not starting with a digit. Fix: set e.g."
        + " .tablePrefix(\"karafka_\")", e.getMessage());

    e = assertThrows(ConfigurationException.class, () ->
        new JdbcSettings(Optional.of("jdbc:h2:mem:x"), good.username(), good.password(), 0,
            null, good.tablePrefix(), good.leaseTime(), Duration.ZERO,
            good.housekeepingInterval(), good.retention(), good.jobs(), good.listen(),
            good.autoMigrate(), good.asyncLeaseCommits()));
    assertEquals(List.of("jdbc.jdbcUrl", "jdbc.poolSize", "jdbc.connectionTimeout",
        "jdbc.pollInterval"),
        e.problems().stream().map(ConfigProblem::key).toList());
  }

  @Test
  void passwordsAreMasked() {
    JdbcSettings settings = JdbcSettings.builder()
        .jdbcUrl("jdbc:postgresql://db/app?user=app&password=s3cret&ssl=true")
        .password("other-secret").build();
    assertEquals("jdbc:postgresql://db/app?user=app&password=***&ssl=true",
        settings.maskedUrl());
    assertFalse(settings.toString().contains("s3cret"), settings.toString());
    assertFalse(settings.toString().contains("other-secret"), settings.toString());
    assertEquals("jdbc:postgresql://app:***@db:5432/app",
        JdbcSettings.mask("jdbc:postgresql://app:pw@db:5432/app"));
    assertEquals("jdbc:postgresql://db:5432/app",
        JdbcSettings.mask("jdbc:postgresql://db:5432/app"));
  }

  @Test
  void theAppsJobSettingsGiveTheDeadCaps() {
    JobSettings jobs = io.karafka.app.KarafkaApp.builder()
        .setup(c -> c.name("settings_test").monitor(Monitor.none()).jobs(j -> j
            .deadMaxJobs(7).deadTimeout(Duration.ofDays(3))))
        .routes(r -> r.topic("jobs").controller(() -> new TestApp.JobsController(
            new java.util.concurrent.ConcurrentLinkedQueue<>())))
        .build().config().jobs();
    JdbcSettings settings = JdbcSettings.builder().jobs(jobs).build();
    assertEquals(7, settings.jobs().deadMaxJobs());
    assertEquals(Duration.ofDays(3), settings.jobs().deadTimeout());
  }

  @Test
  void anUnreachableDatabaseNamesTheUrlWithoutThePassword() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = socket.getLocalPort();
    }
    String url = "jdbc:postgresql://127.0.0.1:" + port + "/app?password=hunter2";
    JobStoreUnavailableException e = assertThrows(JobStoreUnavailableException.class, () ->
        new JdbcJobStore(JdbcSettings.builder().jdbcUrl(url).username("app")
            .connectionTimeout(Duration.ofMillis(250)).build(), MutableClock.now()));
    assertTrue(e.getMessage().startsWith("PostgreSQL job store at jdbc:postgresql://127.0.0.1:"
        + port + "/app?password=***: connecting failed: "), e.getMessage());
    assertTrue(e.getMessage().contains("Connection to 127.0.0.1:" + port + " refused"),
        e.getMessage());
    assertFalse(e.getMessage().contains("hunter2"));
  }
}
