package io.karafka.queue.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
    assertEquals(Duration.ofSeconds(60), s.heartbeatTtl());
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
}
