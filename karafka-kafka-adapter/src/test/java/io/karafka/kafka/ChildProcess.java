package io.karafka.kafka;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A JVM of the test's class path running another main class, for tests that stop a process the
 * hard way (SIGTERM, kill -9). Its output lines are read as they come.
 */
final class ChildProcess implements AutoCloseable {
  private static final long LIMIT_SECONDS = 60;
  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> seen = new ArrayList<>();
  private final Thread reader;

  private ChildProcess(Process process) {
    this.process = process;
    this.reader = new Thread(this::read, "child-output");
    reader.start();
  }

  /** @return a started JVM running {@code main} with the arguments */
  static ChildProcess start(Class<?> main, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(List.of(args));
    return new ChildProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        lines.add(line);
      }
    } catch (Exception e) {
      lines.add("reader failed: " + e);
    }
  }

  /** Waits for a line equal to {@code expected}; the lines before it are consumed. */
  void awaitLine(String expected) throws InterruptedException {
    awaitLine(expected::equals, expected);
  }

  /**
   * Waits up to a minute for a line that matches; the lines before it are consumed and kept in
   * {@link #seen()}.
   */
  void awaitLine(Predicate<String> matches, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIMIT_SECONDS);
    while (System.nanoTime() < deadline) {
      String line = lines.poll(100, TimeUnit.MILLISECONDS);
      if (line != null) {
        seen.add(line);
        if (matches.test(line)) {
          return;
        }
      }
    }
    List<String> last = seen.subList(Math.max(0, seen.size() - 40), seen.size());
    throw new AssertionError("the child process never printed " + what + "; its last lines: "
        + last);
  }

  /** @return every line consumed so far, in order */
  List<String> seen() {
    return seen;
  }

  /** Sends SIGTERM, keeping the output open, and waits for the exit. */
  boolean terminate() throws InterruptedException {
    process.toHandle().destroy();
    return process.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS);
  }

  /** Sends SIGKILL (kill -9): no shutdown hook runs, nothing is committed on the way out. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS);
  }

  /** Reads what is left of the output, up to its end. */
  void drain() throws InterruptedException {
    reader.join(TimeUnit.SECONDS.toMillis(LIMIT_SECONDS));
    lines.drainTo(seen);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroyForcibly();
    reader.join(5000);
  }
}
