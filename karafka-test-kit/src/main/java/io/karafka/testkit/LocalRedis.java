package io.karafka.testkit;

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
 *
 * <pre>{@code
 * try (LocalRedis redis = LocalRedis.start()) {
 *   RedisJobStore store = new RedisJobStore(RedisSettings.builder(redis.url()).build(), ...);
 *   redis.stopServer(); // an outage
 *   redis.startServer();
 * }
 * }</pre>
 *
 * Not thread-safe: one test drives it.
 */
public final class LocalRedis implements AutoCloseable {
  private final int port;
  private final Path dir;
  private final boolean persistent;
  /** Arguments for TLS and users, or none for a plain server. */
  private final List<String> tls;
  private Process process;

  private LocalRedis(int port, Path dir, boolean persistent, List<String> tls) {
    this.port = port;
    this.dir = dir;
    this.persistent = persistent;
    this.tls = tls;
  }

  /** @return a plain server, its data in memory only */
  public static LocalRedis start() throws IOException, InterruptedException {
    return start(false);
  }

  /**
   * @param persistent write an append-only file (fsync always), so data survives a restart
   * @return the started server
   */
  public static LocalRedis start(boolean persistent) throws IOException, InterruptedException {
    LocalRedis redis = new LocalRedis(freePort(), Files.createTempDirectory("karafka-redis"),
        persistent, List.of());
    redis.startServer();
    return redis;
  }

  /**
   * A server that speaks only TLS on its port, with the user {@code karafka} / {@code s3cret}
   * and the default user switched off.
   *
   * @param cert the server's certificate chain (PEM)
   * @param key its private key (PEM)
   * @return the started server
   */
  public static LocalRedis startTls(Path cert, Path key) throws IOException, InterruptedException {
    int port = freePort();
    LocalRedis redis = new LocalRedis(port, Files.createTempDirectory("karafka-redis-tls"),
        false, List.of("--port", "0", "--tls-port", String.valueOf(port), "--tls-cert-file",
        cert.toString(), "--tls-key-file", key.toString(), "--tls-auth-clients", "no",
        "--user", "default", "off", "--user", "karafka", "on", ">s3cret", "~*", "&*", "+@all"));
    redis.startServer();
    return redis;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** @return {@code redis://127.0.0.1:<port>/0} */
  public String url() {
    return "redis://127.0.0.1:" + port + "/0";
  }

  /** @return the port it listens on, the same after a restart */
  public int port() {
    return port;
  }

  /** Starts the server (again) on the same port and directory; returns once it answers. */
  public void startServer() throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("redis-server", "--port",
        String.valueOf(port), "--bind", "127.0.0.1", "--save", "", "--appendonly",
        persistent ? "yes" : "no", "--appendfsync", "always", "--dir", dir.toString()));
    command.addAll(tls);
    Path log = dir.resolve("redis.log");
    process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
        .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!tls.isEmpty() && System.nanoTime() < deadline && process.isAlive()) {
      if (Files.exists(log) && Files.readString(log).contains("Ready to accept connections")) {
        return;
      }
      Thread.sleep(10);
    }
    while (tls.isEmpty() && System.nanoTime() < deadline) {
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

  /** Stops the server (SIGTERM), as an outage. */
  public void stopServer() throws InterruptedException {
    process.destroy();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** @return the server's directory (data and log), for tests */
  Path dir() {
    return dir;
  }

  /** @return whether a {@code redis-server} binary can be run here */
  public static boolean available() {
    try {
      Process p = new ProcessBuilder("redis-server", "--version").redirectErrorStream(true)
          .start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Kills the server if it runs and deletes its directory (data, log). */
  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    try (var files = Files.walk(dir)) {
      for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      // a leftover temporary directory is not worth failing a test or a demo for
    }
  }
}
