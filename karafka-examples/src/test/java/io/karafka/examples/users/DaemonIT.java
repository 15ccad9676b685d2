package io.karafka.examples.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.app.KarafkaApp;
import io.karafka.examples.AppLauncher;
import io.karafka.kafka.KafkaProducerPool;
import io.karafka.producer.OutgoingMessage;
import io.karafka.producer.Partitioning;
import io.karafka.queue.redis.RedisJobStore;
import io.karafka.queue.redis.RedisSettings;
import io.karafka.testkit.Await;
import io.karafka.testkit.EmbeddedKafka;
import io.karafka.testkit.LocalRedis;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code server --daemon} from the README's launcher: a background server process with pid and
 * log files, started through the launcher again (its JDK, its JAVA_OPTS), stopped by kill.
 */
class DaemonIT {
  private static final Duration LIMIT = Duration.ofSeconds(60);

  @TempDir
  Path dir;

  @Test
  void aDaemonizedServerConsumesUntilKilledAndCleansItsPidFile() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(); LocalRedis redis = LocalRedis.start()) {
      kafka.createTopics(Map.of("acme.users_create", 1, "acme.audit_events", 1));
      Path pidFile = dir.resolve("karafka.pid");
      Path logFile = dir.resolve("karafka.log");
      AppLauncher dist = AppLauncher.exampleApp()
          .with("KAFKA_HOSTS", kafka.bootstrapServers()).with("REDIS_URL", redis.url())
          .with("JAVA_OPTS", "-Xmx256m");
      Process launcher = dist.builder("server", "--daemon", "--pid-file", pidFile.toString(),
          "--log-file", logFile.toString()).redirectErrorStream(true).start();
      String said = new String(launcher.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(launcher.waitFor(60, TimeUnit.SECONDS));
      assertEquals(0, launcher.exitValue(), said);
      long pid = Long.parseLong(Files.readString(pidFile).trim());
      assertTrue(said.contains("karafka server: started in the background, pid " + pid), said);
      ProcessHandle daemon = ProcessHandle.of(pid).orElseThrow();
      assertTrue(daemon.isAlive());
      // the launcher again, not Maven's or the test's java: its JVM options, its class path
      List<String> jvm = List.of(daemon.info().arguments().orElseThrow());
      assertTrue(jvm.contains("-Xmx256m") && jvm.contains("-Dkarafka.launcher="
          + dist.script().toRealPath()) && jvm.contains("server"), jvm::toString);
      Await.within(LIMIT, "the daemon to consume",
          () -> AppLauncher.read(logFile).contains("karafka server: consuming"));

      KarafkaApp app = ExampleApp.build(kafka.bootstrapServers());
      try (KafkaProducerPool producer = new KafkaProducerPool(app);
           RedisJobStore store = new RedisJobStore(RedisSettings.builder(redis.url())
               .namespace(app.name()).build(), app.config().jobs(), Clock.systemUTC())) {
        producer.send(List.of(new OutgoingMessage("acme.users_create",
            "{\"name\":\"Ada\",\"age\":36}".getBytes(StandardCharsets.UTF_8),
            Partitioning.any(), List.of())));
        Await.within(LIMIT, "the job in Redis", () -> store.stats().totalQueued() == 1);
      }
      daemon.destroy(); // SIGTERM
      assertTrue(daemon.onExit().get(60, TimeUnit.SECONDS) != null);
      Await.within(LIMIT, "the pid file to go", () -> !Files.exists(pidFile));
      String log = AppLauncher.read(logFile);
      assertFalse(log.contains("Exception"), log);
    }
  }
}
