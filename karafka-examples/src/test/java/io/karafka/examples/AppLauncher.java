package io.karafka.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an application's launcher script ({@code bin/<app>} of a distribution built by
 * {@code package}) as a user would: its own process, arguments passed as given, and its
 * standard output and error kept apart.
 *
 * @param script the launcher
 * @param dir the working directory (where {@code config/} is read from)
 * @param env variables added to this process's environment; a {@code null} value removes one
 */
public record AppLauncher(Path script, Path dir, Map<String, String> env) {
  /** What a finished command did. */
  public record Result(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  /** @return the example app's launcher, built into target/example-app by {@code package} */
  public static AppLauncher exampleApp() {
    Path script = Path.of("target/example-app/bin/example-app").toAbsolutePath();
    assertTrue(Files.isExecutable(script), script + " is missing: the package phase builds it"
        + " (maven-assembly-plugin, src/assembly/dist.xml); run ./mvnw verify, not the IT alone");
    return new AppLauncher(script, Path.of("").toAbsolutePath(), Map.of());
  }

  /** @return this launcher with one more variable set (or removed, with {@code null}) */
  public AppLauncher with(String name, String value) {
    Map<String, String> more = new java.util.HashMap<>(env);
    more.put(name, value);
    return new AppLauncher(script, dir, java.util.Collections.unmodifiableMap(more));
  }

  /** Runs a command to its end (at most two minutes). */
  public Result run(String... args) throws IOException, InterruptedException {
    Path out = Files.createTempFile("launcher", ".out");
    Path err = Files.createTempFile("launcher", ".err");
    try {
      Process process = builder(args).redirectOutput(out.toFile()).redirectError(err.toFile())
          .start();
      process.getOutputStream().close();
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError("bin/" + script.getFileName() + " " + String.join(" ", args)
            + " did not end within 2 minutes: " + Files.readString(out) + Files.readString(err));
      }
      return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** Starts a long-running command, its output and errors appended to {@code log}. */
  public Process start(Path log, String... args) throws IOException {
    return builder(args).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
  }

  /** @return a builder for the launcher with these arguments, in its directory and environment */
  public ProcessBuilder builder(String... args) {
    ProcessBuilder builder = new ProcessBuilder(new java.util.ArrayList<>(List.of(
        script.toString())));
    builder.command().addAll(List.of(args));
    builder.directory(dir.toFile());
    env.forEach((name, value) -> {
      if (value == null) {
        builder.environment().remove(name);
      } else {
        builder.environment().put(name, value);
      }
    });
    return builder;
  }

  /** @return the text of a file, or "" while it does not exist */
  public static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "";
    }
  }
}
