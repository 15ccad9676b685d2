package io.karafka.examples.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code console}: JShell with the app's class path and the booted app as {@code app}. */
class ConsoleIT {
  @Test
  void theConsoleHasTheBootedAppAtHand() throws Exception {
    Process console = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "console").redirectErrorStream(true).start();
    try (OutputStream in = console.getOutputStream()) {
      in.write(("System.out.println(\"routes=\" + app.routes().size() + \" name=\" + app.name());\n"
          + "/exit\n").getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(console.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(console.waitFor(120, TimeUnit.SECONDS), out);
    assertEquals(0, console.exitValue(), out);
    assertTrue(out.contains("routes=2 name=example_app"), out);
  }
}
