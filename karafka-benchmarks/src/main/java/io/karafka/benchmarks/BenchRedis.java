package io.karafka.benchmarks;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;

/** A redis-server of the benchmark's own on a free loopback port, without persistence. */
final class BenchRedis implements AutoCloseable {
  final int port;
  private final Process process;

  private BenchRedis(int port, Process process) {
    this.port = port;
    this.process = process;
  }

  /** Starts it and waits until it answers. */
  static BenchRedis start(String name) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory(name);
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Process process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind",
        "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
    BenchRedis redis = new BenchRedis(port, process);
    for (int i = 0; i < 500; i++) {
      try (Jedis jedis = new Jedis("127.0.0.1", port)) {
        jedis.ping();
        return redis;
      } catch (RuntimeException notYet) {
        Thread.sleep(10);
      }
    }
    redis.close();
    throw new IllegalStateException("redis-server did not start (is it installed? run"
        + " scripts/install-services.sh redis)");
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor(10, TimeUnit.SECONDS);
  }
}
