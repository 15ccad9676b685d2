package io.karafka.examples.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The web UI demo: Karafka's job queue UI over a real redis-server with sample jobs. */
class WebDemoIT {
  private static final String LOGIN = "Basic " + Base64.getEncoder().encodeToString(
      "admin:it-password-1".getBytes(StandardCharsets.UTF_8));

  @Test
  void theUiShowsTheRedisStoresJobsAndRunsADeadOneAgain() throws Exception {
    try (WebDemo demo = WebDemo.start(0, "it-password-1")) {
      assertEquals("401", call(demo.url(), "GET", "", null)[0], "the login is asked for");
      String dead = call(demo.url(), "GET", "dead", null)[1];
      assertTrue(dead.contains("<code>demo-dead</code>"), dead);
      assertTrue(dead.contains("java.lang.IllegalArgumentException: age must be a number:"
          + " &quot;ten&quot;"), dead);
      String retries = call(demo.url(), "GET", "retries", null)[1];
      assertTrue(retries.contains("users service timed out"), retries);
      assertTrue(retries.contains(">in 1 min</span>"), retries);
      assertTrue(call(demo.url(), "GET", "scheduled", null)[1].contains("demo-later"));
      Matcher token = Pattern.compile("name=\"token\" value=\"([0-9a-f]+)\"").matcher(dead);
      assertTrue(token.find(), dead);
      assertEquals("303", call(demo.url(), "POST", "dead/demo-dead/run", "token="
          + token.group(1))[0]);
      assertEquals("{\"processed\":0,\"failed\":2,\"running\":0,\"scheduled\":1,\"retries\":1,"
          + "\"dead\":0,\"queues\":{\"default\":2}}", call(demo.url(), "GET", "stats.json",
          null)[1]);
    }
  }

  @Test
  void aPasswordUnderEightCharactersIsOneLineAndExitCode2() throws Exception {
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin",
        "java").toString(), "-cp", System.getProperty("java.class.path"),
        WebDemo.class.getName()).redirectErrorStream(true);
    builder.environment().put("JOBS_WEB_PASSWORD", "short");
    Process demo = builder.start();
    String said = new String(demo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(2, demo.waitFor());
    assertEquals("web demo: JOBS_WEB_PASSWORD must have at least 8 characters (it has 5); unset"
        + " it to get a generated one\n", said);
  }

  /**
   * Maven's {@code exec:exec} dies on SIGTERM without stopping the JVM it started: the demo then
   * stops by itself when its parent ends, and its redis-server with it.
   */
  @Test
  void theDemoStopsWithTheProcessThatStartedIt() throws Exception {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // a parent that is killed while its child runs on, as Maven's is
    Path out = java.nio.file.Files.createTempFile("web-demo", ".out");
    Process parent = new ProcessBuilder("sh", "-c", "\"$0\" -cp \"$1\" -Dweb.port=0 "
        + WebDemo.class.getName() + " > \"$2\" 2>&1 & wait", javaBin,
        System.getProperty("java.class.path"), out.toString()).start();
    java.util.concurrent.atomic.AtomicReference<ProcessHandle> started =
        new java.util.concurrent.atomic.AtomicReference<>();
    io.karafka.testkit.Await.within(java.time.Duration.ofSeconds(60), "the demo serving", () -> {
      parent.children().findFirst().ifPresent(started::set);
      try {
        return started.get() != null
            && java.nio.file.Files.readString(out).contains("job queue UI at");
      } catch (IOException e) {
        return false;
      }
    });
    ProcessHandle demo = started.get();
    List<ProcessHandle> all = demo.descendants().toList();
    assertTrue(!all.isEmpty(), "the demo started its redis-server");
    parent.destroyForcibly().waitFor(); // SIGKILL: nothing reaches the child
    ProcessHandle orphan = demo;
    io.karafka.testkit.Await.within(java.time.Duration.ofSeconds(60), "the demo and its"
        + " redis-server gone", () -> gone(orphan) && all.stream().allMatch(WebDemoIT::gone));
    assertTrue(java.nio.file.Files.readString(out).contains("web demo: the process that started"
        + " it (pid " + parent.pid() + ") ended; stopping"), java.nio.file.Files.readString(out));
    java.nio.file.Files.delete(out);
  }

  /** @return whether the process ended (an orphan's zombie waiting for a reaper counts) */
  private static boolean gone(ProcessHandle process) {
    if (!process.isAlive()) {
      return true;
    }
    try {
      return java.nio.file.Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()),
          "status")).stream().anyMatch(line -> line.startsWith("State:") && line.contains("Z"));
    } catch (IOException vanished) {
      return true;
    }
  }

  /** @return the status code (as text) and the body; logged in unless the path is "" */
  private static String[] call(String base, String method, String path, String form)
      throws IOException {
    HttpURLConnection c = (HttpURLConnection) URI.create(base + path).toURL().openConnection();
    c.setInstanceFollowRedirects(false);
    c.setRequestMethod(method);
    if (!path.isEmpty() || form != null) {
      c.setRequestProperty("Authorization", LOGIN);
    }
    if (form != null) {
      c.setDoOutput(true);
      try (OutputStream out = c.getOutputStream()) {
        out.write(form.getBytes(StandardCharsets.UTF_8));
      }
    }
    int status = c.getResponseCode();
    try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
      return new String[] {String.valueOf(status), in == null ? "" : new String(
          in.readAllBytes(), StandardCharsets.UTF_8)};
    } finally {
      c.disconnect();
    }
  }
}
