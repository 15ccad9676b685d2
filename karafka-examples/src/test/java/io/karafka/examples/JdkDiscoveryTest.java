package io.karafka.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** ./mvnw finds a JDK >= 21 by itself, or says exactly what to set. */
class JdkDiscoveryTest {
  private record Result(int exit, String out, String err) {}

  private static Result findJdk(Map<String, String> env) throws Exception {
    Path root = Path.of("").toAbsolutePath();
    while (!Files.exists(root.resolve("mvnw"))) {
      root = root.getParent();
    }
    ProcessBuilder pb = new ProcessBuilder("sh", "-c",
        ". .mvn/find-jdk.sh && karafka_find_jdk && echo \"$JAVA_HOME\"").directory(root.toFile());
    pb.environment().remove("JAVA_HOME");
    pb.environment().putAll(env);
    Process p = pb.start();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(),
        StandardCharsets.UTF_8).trim(), new String(p.getErrorStream().readAllBytes(),
        StandardCharsets.UTF_8).trim());
  }

  private static int major(String javaHome) throws IOException {
    String release = Files.readString(Path.of(javaHome, "release"));
    String version = release.replaceAll("(?s).*JAVA_VERSION=\"([0-9]+).*", "$1");
    return Integer.parseInt(version);
  }

  @Test
  void findsAJdkOf21OrNewer() throws Exception {
    Result result = findJdk(Map.of());
    assertEquals(0, result.exit(), result.err());
    assertTrue(major(result.out()) >= 21, result.out());
  }

  @Test
  void anOldJavaHomeIsReplacedAndSaidSo() throws Exception {
    Result result = findJdk(Map.of("JAVA_HOME", System.getProperty("java.home"),
        "KARAFKA_MIN_JDK", "21"));
    assertEquals(0, result.exit(), result.err());
    assertTrue(major(result.out()) >= 21);
  }

  @Test
  void withoutASuitableJdkItSaysWhatToSet() throws Exception {
    Result result = findJdk(Map.of("KARAFKA_MIN_JDK", "999"));
    assertEquals(1, result.exit());
    assertTrue(result.err().startsWith("mvnw: Karafka for Java needs a JDK 999 or newer to"
        + " build, but found only "), result.err());
    assertTrue(result.err().contains("install one and set JAVA_HOME to it: Temurin 999+ from"
        + " https://adoptium.net (Debian 12 has no OpenJDK 999 package; Adoptium's apt"
        + " repository has temurin-999-jdk), or an openjdk-999-jdk (or newer) package where your"
        + " distribution has one; e.g. export JAVA_HOME="), result.err());
  }
}
