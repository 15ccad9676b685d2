package io.karafka.examples.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.examples.AppLauncher;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code console} from the README's launcher: JShell with the app's class path (its own classes
 * included) and the booted app as {@code app}.
 */
class ConsoleIT {
  @Test
  void theConsoleHasTheBootedAppAndTheAppsClassesAtHand() throws Exception {
    java.util.Set<String> before = startupFiles();
    Process console = AppLauncher.exampleApp().builder("console").redirectErrorStream(true).start();
    try (OutputStream in = console.getOutputStream()) {
      in.write(("System.out.println(\"routes=\" + app.routes().size() + \" name=\" + app.name());\n"
          + "System.out.println(new io.karafka.examples.users.User(\"Ada\", 36));\n"
          + "/exit\n").getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(console.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(console.waitFor(120, TimeUnit.SECONDS), out);
    assertEquals(0, console.exitValue(), out);
    assertTrue(out.contains("routes=2 name=example_app"), out);
    assertTrue(out.contains("User[name=Ada, age=36]"), out);
    java.util.Set<String> left = startupFiles();
    left.removeAll(before);
    assertEquals(java.util.Set.of(), left, "the console's startup file stays behind");
  }

  /** @return the console startup files in the temporary folder now */
  private static java.util.Set<String> startupFiles() throws java.io.IOException {
    try (var files = java.nio.file.Files.list(java.nio.file.Path.of(
        System.getProperty("java.io.tmpdir")))) {
      return files.map(f -> f.getFileName().toString())
          .filter(n -> n.startsWith("karafka-console") && n.endsWith(".jsh"))
          .collect(java.util.stream.Collectors.toCollection(java.util.HashSet::new));
    }
  }
}
