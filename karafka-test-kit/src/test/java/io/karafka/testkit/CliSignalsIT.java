package io.karafka.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** SIGTERM stops a worker gracefully (exit 0); a second SIGTERM during the stop forces (143). */
class CliSignalsIT {
  private static Process start(String... args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String[] command = new String[4 + args.length];
    command[0] = java;
    command[1] = "-cp";
    command[2] = System.getProperty("java.class.path");
    command[3] = CliSignalsMain.class.getName();
    System.arraycopy(args, 0, command, 4, args.length);
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  private static BlockingQueue<String> lines(Process process) {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          lines.add(line);
        }
      } catch (Exception ignored) {
        // the process ended
      }
    });
    reader.setDaemon(true);
    reader.start();
    return lines;
  }

  private static void await(BlockingQueue<String> lines, String prefix) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      String line = lines.poll(100, TimeUnit.MILLISECONDS);
      if (line != null && line.startsWith(prefix)) {
        return;
      }
    }
    throw new AssertionError("never printed '" + prefix + "'");
  }

  @Test
  void sigtermStopsAnIdleWorkerGracefully() throws Exception {
    Process worker = start();
    BlockingQueue<String> lines = lines(worker);
    await(lines, "karafka worker: ");
    worker.toHandle().destroy();
    assertTrue(worker.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, worker.exitValue());
  }

  @Test
  void aSecondSigtermForcesAStopThatWaitsForAStuckJob() throws Exception {
    Process worker = start("block");
    BlockingQueue<String> lines = lines(worker);
    await(lines, "performing");
    worker.toHandle().destroy();
    await(lines, "karafka: stopping gracefully (SIGTERM)");
    assertTrue(!worker.waitFor(1, TimeUnit.SECONDS), "still waiting for the stuck job");
    worker.toHandle().destroy();
    assertTrue(worker.waitFor(30, TimeUnit.SECONDS));
    assertEquals(143, worker.exitValue());
  }
}
