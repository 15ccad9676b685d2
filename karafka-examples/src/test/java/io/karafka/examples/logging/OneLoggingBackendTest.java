package io.karafka.examples.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.monitor.Event;
import io.karafka.monitor.LoggingMonitor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Karafka's own lines go through SLF4J (System.Logger bridged by slf4j-jdk-platform-logging),
 * one line per event, in the same format as kafka-clients' lines.
 */
class OneLoggingBackendTest {
  @Test
  void theFrameworksLinesAreSlf4jLinesOnePerEvent() {
    System.Logger logger = System.getLogger("io.karafka");
    assertTrue(logger.getClass().getName().startsWith("org.slf4j.jdk.platform.logging"),
        "System.Logger is not bridged to SLF4J: " + logger.getClass().getName());
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      LoggingMonitor monitor = new LoggingMonitor();
      monitor.notice(new Event.MessagesDeadLettered("app_users", "users", 0, List.of(7L),
          "dead_letters", 5));
      monitor.notice(new Event.DependencyRecovered("job store", "redis://redis:6379/0",
          Duration.ofSeconds(47), 12));
      org.slf4j.LoggerFactory.getLogger("org.apache.kafka.clients.Metadata")
          .error("a kafka-clients line");
    } finally {
      System.setErr(original);
    }
    List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(3, lines.size(), String.join("\n", lines));
    assertTrue(lines.get(0).matches("\\S+ \\[main] WARN io\\.karafka - group app_users: 1"
        + " message\\(s\\) of users-0 .*"), lines.get(0));
    assertTrue(lines.get(1).matches("\\S+ \\[main] INFO io\\.karafka - job store at"
        + " redis://redis:6379/0 recovered after 47 s .*"), lines.get(1));
    assertTrue(lines.get(2).matches("\\S+ \\[main] ERROR org\\.apache\\.kafka\\.clients"
        + "\\.Metadata - a kafka-clients line"), lines.get(2));
  }
}
