package io.karafka.cli.internal;

import io.karafka.KarafkaException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code server --daemon}: the server as a background process with pid and log files. */
public final class Daemon {
  private Daemon() {}

  /** The system property an application's launcher script sets to its own path. */
  public static final String LAUNCHER = "karafka.launcher";

  /**
   * Starts this same program again as a background process running {@code server} (without
   * {@code --daemon}), its output appended to the log file, and writes its pid to the pid file.
   * Started from an application's launcher ({@code bin/<app>}, which sets {@value #LAUNCHER}),
   * it runs the launcher again, so that the server finds its JDK and {@code JAVA_OPTS} the same
   * way; otherwise the same java with the same class path and main class.
   */
  public static void start(List<String> rest, Path pidFile, Path logFile, PrintStream out)
      throws Exception {
    List<String> args = new ArrayList<>(self());
    args.add("server");
    for (int i = 0; i < rest.size(); i++) {
      String arg = rest.get(i);
      if (arg.equals("--daemon")) {
        continue;
      }
      if (arg.equals("--pid-file") || arg.equals("--log-file")) {
        i++;
        continue;
      }
      if (!arg.startsWith("--pid-file=") && !arg.startsWith("--log-file=")) {
        args.add(arg);
      }
    }
    if (Files.exists(pidFile)) {
      String old = Files.readString(pidFile).trim();
      if (!old.isEmpty() && old.chars().allMatch(Character::isDigit)
          && ProcessHandle.of(Long.parseLong(old)).map(ProcessHandle::isAlive).orElse(false)) {
        throw new KarafkaException("a server already runs with pid " + old + " (" + pidFile
            + "); stop it first (kill " + old + ")");
      }
    }
    ProcessBuilder builder = new ProcessBuilder(args)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().put("KARAFKA_PID_FILE", pidFile.toAbsolutePath().toString());
    Process process = builder.start();
    Files.writeString(pidFile, process.pid() + "\n");
    if (process.waitFor(2, java.util.concurrent.TimeUnit.SECONDS)) {
      Files.deleteIfExists(pidFile);
      List<String> log = Files.exists(logFile) ? Files.readAllLines(logFile) : List.of();
      throw new KarafkaException("the background server exited at once with code "
          + process.exitValue() + "; the end of " + logFile + ": " + String.join(" | ",
          log.subList(Math.max(0, log.size() - 3), log.size())));
    }
    out.println("karafka server: started in the background, pid " + process.pid() + " (pid file "
        + pidFile + ", log " + logFile + "); stop it with: kill " + process.pid());
  }

  /** @return the command that starts this program again, without its arguments */
  private static List<String> self() {
    String launcher = System.getProperty(LAUNCHER);
    if (launcher != null && Files.isExecutable(Path.of(launcher))) {
      return List.of(launcher);
    }
    String command = System.getProperty("sun.java.command");
    if (command == null || command.isBlank()) {
      throw new KarafkaException("--daemon cannot tell how this JVM was started; run the server"
          + " under systemd instead (see docs/deployment.md)");
    }
    String main = command.split(" ")[0];
    List<String> args = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin",
        "java").toString(), "-cp", System.getProperty("java.class.path")));
    if (main.endsWith(".jar")) {
      args.add("-jar");
    }
    args.add(main);
    return args;
  }
}
