package io.karafka.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps the hexagon's shape: an adapter module (JSON, queues, Kafka) depends on karafka-core and
 * its own driver, never on another adapter; other Karafka modules may be used by its tests only.
 */
class ModuleDependenciesTest {
  private static final Pattern DEPENDENCY = Pattern.compile(
      "<dependency>\\s*<groupId>io\\.karafka</groupId>\\s*<artifactId>([^<]+)</artifactId>"
          + "(.*?)</dependency>", Pattern.DOTALL);

  @Test
  void adaptersDependOnCoreOnly() throws IOException {
    Path root = Path.of("").toAbsolutePath();
    while (!Files.exists(root.resolve("mvnw"))) {
      root = root.getParent();
    }
    Map<String, List<String>> wrong = new TreeMap<>();
    int adapters = 0;
    try (var dirs = Files.list(root)) {
      for (Path dir : dirs.filter(d -> Files.exists(d.resolve("pom.xml"))).toList()) {
        String module = dir.getFileName().toString();
        if (!module.startsWith("karafka-queue-") && !module.equals("karafka-json")
            && !module.equals("karafka-kafka-adapter")) {
          continue;
        }
        adapters++;
        Matcher m = DEPENDENCY.matcher(Files.readString(dir.resolve("pom.xml")));
        List<String> bad = new ArrayList<>();
        while (m.find()) {
          String artifact = m.group(1);
          boolean test = m.group(2).contains("<scope>test</scope>");
          if (!artifact.equals("karafka-core") && !test) {
            bad.add(artifact);
          }
        }
        if (!bad.isEmpty()) {
          wrong.put(module, bad);
        }
      }
    }
    assertTrue(adapters >= 2, "found " + adapters + " adapter modules");
    assertEquals(Map.of(), wrong, "adapters must not depend on each other");
  }
}
