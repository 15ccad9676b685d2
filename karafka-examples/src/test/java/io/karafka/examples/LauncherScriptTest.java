package io.karafka.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.cli.Installer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The example app's launcher is the one {@code install} writes for any application (its JDK
 * search is {@code .mvn/find-jdk.sh}'s), so the two cannot drift apart.
 */
class LauncherScriptTest {
  @Test
  void theExampleLauncherIsTheInstallersLauncher() throws Exception {
    Path script = Path.of("src/dist/bin/example-app");
    assertEquals(Installer.launcher("example-app", "io.karafka.examples.users.Main"),
        Files.readString(script), "src/dist/bin/example-app differs from what the installer"
            + " writes: write it again with Installer.launcher(\"example-app\","
            + " \"io.karafka.examples.users.Main\")");
    assertTrue(Files.isExecutable(script), script + " is not executable");
  }
}
