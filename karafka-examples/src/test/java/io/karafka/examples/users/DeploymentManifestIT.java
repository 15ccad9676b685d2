package io.karafka.examples.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.testkit.Await;
import io.karafka.testkit.EmbeddedKafka;
import io.karafka.testkit.HttpAnswer;
import io.karafka.testkit.LocalRedis;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifest of docs/deployment.md against the real endpoints: the example app runs
 * with the manifest's arguments (its port swapped for a free one) on a real broker and Redis,
 * and every probe path answers 200 once the server consumes, the scrape annotation's path serves
 * Prometheus text with the app's meters; the ports agree.
 */
class DeploymentManifestIT {
  private static final Pattern PROBE = Pattern.compile(
      "(\\w+Probe):\\s*\\n\\s*httpGet:\\s*\\n\\s*path: (\\S+)\\s*\\n\\s*port: (\\S+)");

  @Test
  void everyProbeOfTheManifestAnswersOnTheServersHealthPort() throws Exception {
    String manifest = Files.readString(root().resolve("docs/k8s/shop-karafka-server.yaml"));
    List<String> args = new ArrayList<>();
    for (String arg : find(manifest, "args: \\[(.*)]").split(",")) {
      args.add(arg.strip().replace("\"", ""));
    }
    String port = args.get(args.indexOf("--health-port") + 1);
    assertEquals(port, find(manifest, "- name: health\\s*\\n\\s*containerPort: (\\d+)"));
    assertEquals(port, find(manifest, "prometheus.io/port: \"(\\d+)\""));
    assertEquals("/metrics", find(manifest, "prometheus.io/path: (\\S+)"));
    Map<String, String> probes = new LinkedHashMap<>();
    Matcher m = PROBE.matcher(manifest);
    while (m.find()) {
      assertEquals("health", m.group(3), m.group(1) + " uses the named port");
      probes.put(m.group(1), m.group(2));
    }
    assertEquals(List.of("startupProbe", "livenessProbe", "readinessProbe"),
        List.copyOf(probes.keySet()));

    int free = freePort();
    args.set(args.indexOf("--health-port") + 1, String.valueOf(free));
    try (EmbeddedKafka kafka = EmbeddedKafka.start(); LocalRedis redis = LocalRedis.start()) {
      kafka.createTopics(Map.of("acme.users_create", 1, "acme.audit_events", 1));
      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"),
          "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
          Main.class.getName()));
      command.addAll(args);
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD);
      builder.environment().put("KAFKA_HOSTS", kafka.bootstrapServers());
      builder.environment().put("REDIS_URL", redis.url());
      Process server = builder.start();
      try {
        for (Map.Entry<String, String> probe : probes.entrySet()) {
          Await.within(Duration.ofSeconds(60), probe.getKey() + " " + probe.getValue()
              + " answering 200", () -> status(free, probe.getValue()) == 200);
        }
        String metricsPath = find(manifest, "prometheus.io/path: (\\S+)");
        assertEquals(200, status(free, metricsPath), "the scrape annotation's path");
        // the app's dependencies are read again every second: the consumer groups' come in
        Await.within(Duration.ofSeconds(30), "the consumer group's meters scraped", () ->
            body(free, metricsPath).contains("karafka_dependency_up{dependency=\"kafka group"
                + " example_app_users_create\"} 1.0"));
      } finally {
        server.destroy();
        assertTrue(server.waitFor(60, TimeUnit.SECONDS), "SIGTERM stops the server");
      }
      assertEquals(0, server.exitValue());
    }
  }

  private static String find(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertTrue(m.find(), "the manifest has no " + regex);
    return m.group(1);
  }

  private static int status(int port, String path) {
    return HttpAnswer.status("http://127.0.0.1:" + port + path);
  }

  private static String body(int port, String path) {
    try {
      return HttpAnswer.get("http://127.0.0.1:" + port + path).body();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("cannot find the repository root");
    }
    return dir;
  }
}
