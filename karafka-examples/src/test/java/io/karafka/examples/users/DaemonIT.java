package io.karafka.examples.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.app.KarafkaApp;
import io.karafka.kafka.KafkaProducerPool;
import io.karafka.producer.OutgoingMessage;
import io.karafka.producer.Partitioning;
import io.karafka.queue.redis.RedisJobStore;
import io.karafka.queue.redis.RedisSettings;
import io.karafka.testkit.EmbeddedKafka;
import io.karafka.testkit.LocalRedis;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code server --daemon}: a background server process with pid and log files, stopped by kill. */
class DaemonIT {
  @TempDir
  Path dir;

  static void await(String what, BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  @Test
  void aDaemonizedServerConsumesUntilKilledAndCleansItsPidFile() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(); LocalRedis redis = LocalRedis.start()) {
      kafka.createTopics(Map.of("acme.users_create", 1, "acme.audit_events", 1));
      Path pidFile = dir.resolve("karafka.pid");
      Path logFile = dir.resolve("karafka.log");
      ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin",
          "java").toString(), "-cp", System.getProperty("java.class.path"),
          Main.class.getName(), "server", "--daemon", "--pid-file", pidFile.toString(),
          "--log-file", logFile.toString()).redirectErrorStream(true);
      builder.environment().put("KAFKA_HOSTS", kafka.bootstrapServers());
      builder.environment().put("REDIS_URL", redis.url());
      Process launcher = builder.start();
      String said = new String(launcher.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(launcher.waitFor(60, TimeUnit.SECONDS));
      assertEquals(0, launcher.exitValue(), said);
      long pid = Long.parseLong(Files.readString(pidFile).trim());
      assertTrue(said.contains("karafka server: started in the background, pid " + pid), said);
      ProcessHandle daemon = ProcessHandle.of(pid).orElseThrow();
      assertTrue(daemon.isAlive());
      await("the daemon to consume", () -> read(logFile).contains("karafka server: consuming"));

      KarafkaApp app = ExampleApp.build(kafka.bootstrapServers());
      try (KafkaProducerPool producer = new KafkaProducerPool(app);
           RedisJobStore store = new RedisJobStore(RedisSettings.builder(redis.url())
               .namespace(app.name()).build(), app.config().jobs(), Clock.systemUTC())) {
        producer.send(List.of(new OutgoingMessage("acme.users_create",
            "{\"name\":\"Ada\",\"age\":36}".getBytes(StandardCharsets.UTF_8),
            Partitioning.any(), List.of())));
        await("the job in Redis", () -> store.stats().totalQueued() == 1);
      }
      daemon.destroy(); // SIGTERM
      assertTrue(daemon.onExit().get(60, TimeUnit.SECONDS) != null);
      await("the pid file to go", () -> !Files.exists(pidFile));
      assertFalse(read(logFile).contains("Exception"), read(logFile));
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (java.io.IOException e) {
      return "";
    }
  }
}
