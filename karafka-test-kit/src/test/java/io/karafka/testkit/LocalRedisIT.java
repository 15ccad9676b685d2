package io.karafka.testkit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A LocalRedis leaves nothing behind: close() stops the server and deletes its directory. */
class LocalRedisIT {
  @Test
  void closeDeletesTheServersDirectory() throws Exception {
    Path dir;
    try (LocalRedis redis = LocalRedis.start()) {
      dir = redis.dir();
      assertTrue(Files.isDirectory(dir), "the server's directory while it runs");
      assertTrue(LocalRedis.available());
    }
    assertFalse(Files.exists(dir), "left behind: " + dir);
  }
}
