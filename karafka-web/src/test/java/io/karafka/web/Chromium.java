package io.karafka.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.karafka.testkit.Await;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A headless Chromium for browser tests, driven through the Chrome DevTools Protocol: started
 * with {@code --remote-debugging-port=0} and a fresh profile, whose {@code DevToolsActivePort}
 * file tells the port it took. {@link #start()} fails (never skips) when no Chromium is
 * installed.
 */
final class Chromium implements AutoCloseable {
  private static final List<String> NAMES = List.of("chromium", "chromium-browser",
      "google-chrome");
  private final Process process;
  private final Path profile;
  private final int port;

  private Chromium(Process process, Path profile, int port) {
    this.process = process;
    this.profile = profile;
    this.port = port;
  }

  static Chromium start() throws IOException, InterruptedException {
    String binary = Optional.ofNullable(System.getenv("KARAFKA_CHROMIUM"))
        .filter(given -> Files.isExecutable(Path.of(given))).or(Chromium::onPath)
        .orElseThrow(() -> new AssertionError("no Chromium found (looked for " + NAMES
            + " on the PATH and KARAFKA_CHROMIUM); run scripts/install-services.sh, which"
            + " installs Debian's chromium"));
    Path profile = Files.createTempDirectory("karafka-chromium");
    Process process = new ProcessBuilder(binary, "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
        "--remote-debugging-port=0", "--user-data-dir=" + profile, "about:blank")
        .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile())
        .start();
    Path portFile = profile.resolve("DevToolsActivePort");
    Await.within(Duration.ofSeconds(30), "Chromium's DevToolsActivePort (see " + profile
        + "/chromium.log)", () -> isWritten(portFile) || !process.isAlive());
    if (!process.isAlive()) {
      throw new AssertionError("Chromium exited with " + process.exitValue() + "; see "
          + profile.resolve("chromium.log"));
    }
    int port = Integer.parseInt(Files.readAllLines(portFile).getFirst().strip());
    return new Chromium(process, profile, port);
  }

  /** @return the DevTools connection of the browser's first page (about:blank at start) */
  Cdp page() throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    ObjectMapper json = new ObjectMapper();
    JsonNode[] page = new JsonNode[1];
    Await.within(Duration.ofSeconds(30), "a page target", () -> {
      try {
        String list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
            + "/json/list")).build(), HttpResponse.BodyHandlers.ofString()).body();
        for (JsonNode target : json.readTree(list)) {
          if (target.path("type").asText().equals("page")) {
            page[0] = target;
          }
        }
        return page[0] != null;
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    });
    return Cdp.connect(http, URI.create(page[0].path("webSocketDebuggerUrl").asText()));
  }

  private static Optional<String> onPath() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      for (String name : NAMES) {
        Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate.toString());
        }
      }
    }
    return Optional.empty();
  }

  private static boolean isWritten(Path file) {
    try {
      return Files.exists(file) && Files.readString(file).contains("\n");
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() throws IOException {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
