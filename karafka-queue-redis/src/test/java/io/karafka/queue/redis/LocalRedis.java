package io.karafka.queue.redis;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} process on 127.0.0.1 and a free port, for integration tests
 * (installed by {@code scripts/install-services.sh}). Can be stopped and started again on the same
 * port to test outages.
 */
final class LocalRedis implements AutoCloseable {
  private final int port;
  private final Path dir;
  private final boolean persistent;
  private Process process;

  private LocalRedis(int port, Path dir, boolean persistent) {
    this.port = port;
    this.dir = dir;
    this.persistent = persistent;
  }

  static LocalRedis start() throws IOException, InterruptedException {
    return start(false);
  }

  /** @param persistent write an append-only file (fsync always), so data survives a restart */
  static LocalRedis start(boolean persistent) throws IOException, InterruptedException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    LocalRedis redis = new LocalRedis(port, Files.createTempDirectory("karafka-redis"),
        persistent);
    redis.startServer();
    return redis;
  }

  String url() {
    return "redis://127.0.0.1:" + port + "/0";
  }

  int port() {
    return port;
  }

  void startServer() throws IOException, InterruptedException {
    process = new ProcessBuilder(List.of("redis-server", "--port", String.valueOf(port),
        "--bind", "127.0.0.1", "--save", "", "--appendonly", persistent ? "yes" : "no",
        "--appendfsync", "always", "--dir", dir.toString()))
        .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket("127.0.0.1", port)) {
        socket.getOutputStream().write("PING\r\n".getBytes());
        byte[] reply = new byte[7];
        if (socket.getInputStream().read(reply) > 0 && new String(reply).startsWith("+PONG")) {
          return;
        }
      } catch (IOException notYet) {
        Thread.sleep(10);
      }
    }
    throw new IllegalStateException("redis-server did not start on port " + port + "; see "
        + dir.resolve("redis.log"));
  }

  void stopServer() throws InterruptedException {
    process.destroy();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
