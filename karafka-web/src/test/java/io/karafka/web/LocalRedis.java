package io.karafka.web;

import io.karafka.testkit.Await;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} process on 127.0.0.1 and a free port, without persistence, for
 * {@link ConsumersBrowserIT} (installed by {@code scripts/install-services.sh}). The Redis
 * store's own tests have a fuller one (TLS, restarts), on its way to the test kit.
 */
final class LocalRedis implements AutoCloseable {
  private final Process process;
  private final int port;

  private LocalRedis(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static LocalRedis start() throws IOException, InterruptedException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path dir = Files.createTempDirectory("karafka-web-redis");
    Process process;
    try {
      process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind",
          "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString())
          .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
    } catch (IOException e) {
      throw new AssertionError("redis-server cannot be started (" + e.getMessage() + "); run"
          + " scripts/install-services.sh, which installs it", e);
    }
    Await.within(Duration.ofSeconds(10), "redis-server listening on " + port + " (see " + dir
        + "/redis.log)", () -> {
          try (Socket socket = new Socket("127.0.0.1", port)) {
            return socket.isConnected();
          } catch (IOException notYet) {
            return false;
          }
        });
    return new LocalRedis(process, port);
  }

  String url() {
    return "redis://127.0.0.1:" + port + "/0";
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
