package io.karafka.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The README's way to run the example app, {@code target/example-app/bin/example-app}: the
 * distribution's launcher finds a JDK of 21 or newer and passes arguments and exit codes through,
 * so a usage error is the command line's own two lines and exit 2, with nothing around them.
 */
class LauncherIT {
  private static final String USAGE = "Usage: karafka COMMAND [OPTIONS]; commands: help, console,"
      + " flow, info, install, routes, server, worker (karafka help COMMAND for details)\n";

  private final AppLauncher app = AppLauncher.exampleApp();

  @Test
  void routesArePrintedAndExitZero() throws Exception {
    AppLauncher.Result result = app.run("routes");
    assertEquals(0, result.exit(), result::toString);
    assertTrue(result.out().startsWith("audit_events\n  group:        audit_group\n"),
        result::toString);
    assertTrue(result.out().contains("users_create\n  group:        example_app_users_create\n"),
        result::toString);
    assertEquals("", result.err());
  }

  @Test
  void usageErrorsAreOneLineThenTheUsageAndExitTwo() throws Exception {
    assertUsageError("karafka: unknown command 'frobnicate'", "frobnicate");
    assertUsageError("karafka routes: unknown option '--bogus'", "routes", "--bogus");
    assertUsageError("karafka worker: --concurrency must be a whole number from 1 to 10000, got"
        + " 'abc'", "worker", "--concurrency", "abc");
  }

  private void assertUsageError(String line, String... args) throws Exception {
    AppLauncher.Result result = app.run(args);
    assertEquals(2, result.exit(), result::toString);
    assertEquals(line + "\n" + USAGE, result.err());
    assertEquals("", result.out());
  }

  @Test
  void withoutJavaHomeItFindsAJdkOf21OrNewerByItself() throws Exception {
    // the default java of this machine may be older (Debian 12: 17); the launcher looks further
    AppLauncher.Result result = app.with("JAVA_HOME", null).run("help", "flow");
    assertEquals(0, result.exit(), result::toString);
    assertTrue(result.out().startsWith("Usage: karafka flow"), result::toString);
  }

  @Test
  void withoutASuitableJavaItSaysWhatToInstall() throws Exception {
    AppLauncher.Result result = app.with("KARAFKA_MIN_JDK", "999").run("routes");
    assertEquals(1, result.exit(), result::toString);
    assertEquals("", result.out());
    assertTrue(result.err().startsWith("example-app: this application needs Java 999 or newer to"
        + " run, but found only "), result::toString);
    assertTrue(result.err().contains("\nexample-app: install one and set JAVA_HOME to it: Temurin"
        + " 999+ from https://adoptium.net"), result::toString);
  }

  @Test
  void argumentsReachMainAsGivenAndJavaOptsReachTheJvm() throws Exception {
    // a space inside an argument stays inside it; JAVA_OPTS is split into words, not globbed
    AppLauncher.Result result = app.with("JAVA_OPTS", "-XshowSettings:properties -Dlauncher.test=*")
        .run("help", "no such command");
    assertEquals(2, result.exit(), result::toString);
    assertTrue(result.err().contains("\n    launcher.test = *\n"), result::toString);
    assertTrue(result.err().endsWith("\nkarafka help: unknown command 'no such command'\n"
        + USAGE), result::toString);
  }
}
