package io.karafka.queue.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.app.ConfigurationException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RedisSettingsTest {
  @Test
  void goodUrlsAndDefaults() {
    RedisSettings s = RedisSettings.builder("rediss://app:s3cret@redis.internal:6380/2")
        .namespace("shop").build();
    assertEquals("rediss://app:****@redis.internal:6380/2", s.maskedUrl());
    assertEquals(Optional.of("shop"), s.namespace());
    assertEquals("shop:", s.prefix());
    assertEquals(10, s.poolSize());
    assertEquals(Duration.ofSeconds(25), s.heartbeatTtl());
    assertEquals("", RedisSettings.builder("redis://127.0.0.1:6379").build().prefix());
  }

  @Test
  void everyBadSettingIsNamedAtOnce() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> RedisSettings.builder("http://localhost:6379").namespace("bad space").poolSize(0)
            .timeout(Duration.ZERO).build());
    assertEquals("Invalid Karafka configuration (4 problems):\n"
        + "  - redis.url = 'http://localhost:6379': must start with redis:// or rediss:// (TLS)."
        + " Fix: use e.g. redis://127.0.0.1:6379/0\n"
        + "  - redis.namespace = 'bad space': must be 1-100 characters from [A-Za-z0-9._-]."
        + " Fix: use e.g. .namespace(\"my_app\")\n"
        + "  - redis.poolSize = 0: must be between 1 and 1000. Fix: set e.g. .poolSize(10)\n"
        + "  - redis.timeout = PT0S: must be a positive duration. Fix: set e.g."
        + " .timeout(Duration.ofSeconds(5))", e.getMessage());
  }

  @Test
  void malformedUrlsAreExplained() {
    assertEquals("Invalid Karafka configuration: redis.url = 'redis://host:6379/x': the path"
        + " must be a database number. Fix: use e.g. redis://127.0.0.1:6379/0",
        assertThrows(ConfigurationException.class,
            () -> RedisSettings.builder("redis://host:6379/x").build()).getMessage());
    assertEquals("Invalid Karafka configuration: redis.url = 'redis:// host': is not a URL"
        + " (Illegal character in authority). Fix: use e.g."
        + " redis://user:password@127.0.0.1:6379/0",
        assertThrows(ConfigurationException.class,
            () -> RedisSettings.builder("redis:// host").build()).getMessage());
  }

  @Test
  void aCaCertNeedsTlsAndMustHoldACertificate() {
    assertEquals("Invalid Karafka configuration: redis.caCert = 'set': needs a rediss:// (TLS)"
        + " URL. Fix: use rediss://host:port/0, or drop .caCert(...)",
        assertThrows(ConfigurationException.class, () -> RedisSettings
            .builder("redis://127.0.0.1:6379/0").caCert("/etc/ssl/ca.pem").build())
            .getMessage());
    String missing = assertThrows(ConfigurationException.class, () -> RedisSettings
        .builder("rediss://127.0.0.1:6380/0").caCert("/nowhere/ca.pem").build()).getMessage();
    assertTrue(missing.startsWith("Invalid Karafka configuration: redis.caCert ="
        + " '/nowhere/ca.pem': is neither PEM text (-----BEGIN ...) nor a readable file"),
        missing);
    String garbage = assertThrows(ConfigurationException.class, () -> RedisSettings
        .builder("rediss://127.0.0.1:6380/0")
        .caCert("-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n")
        .build()).getMessage();
    assertTrue(garbage.startsWith("Invalid Karafka configuration: redis.caCert = '(PEM text)':"
        + " holds no readable X.509 certificate"), garbage);
    assertTrue(garbage.endsWith("Fix: give the PEM text (-----BEGIN CERTIFICATE-----...) or the"
        + " path of a readable PEM file"), garbage);
  }

  @Test
  void theCaCertIsNotPrinted() {
    String pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----";
    RedisSettings s = new RedisSettings(java.net.URI.create("rediss://u:pw@h:1/0"),
        Optional.empty(), 1, Duration.ofSeconds(1), Duration.ofSeconds(60), Optional.of(pem));
    assertEquals("RedisSettings[url=rediss://u:****@h:1/0, namespace=none, poolSize=1,"
        + " timeout=PT1S, heartbeatTtl=PT1M, caCert=set]", s.toString());
  }
}
