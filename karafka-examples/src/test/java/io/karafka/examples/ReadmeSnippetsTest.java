package io.karafka.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps the code in the READMEs compiled: every block after an
 * {@code <!-- include: path -->} marker must equal that file of the build. Run with
 * {@code -Dreadme.update=true} to rewrite the blocks from the files.
 */
class ReadmeSnippetsTest {
  private static final Pattern INCLUDE = Pattern.compile(
      "<!-- include: (\\S+) -->\\n```(\\w+)\\n(.*?)```", Pattern.DOTALL);

  private static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("cannot find the repository root from "
          + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  @Test
  void everyIncludedBlockMatchesItsSourceFile() throws IOException {
    Path root = root();
    List<Path> readmes = new ArrayList<>();
    try (var files = Files.walk(root, 2)) {
      files.filter(p -> p.getFileName().toString().equals("README.md")
              || p.getParent().getFileName().toString().equals("docs")
              && p.toString().endsWith(".md"))
          .filter(p -> !p.toString().contains("/target/")).forEach(readmes::add);
    }
    int checked = 0;
    boolean update = Boolean.getBoolean("readme.update");
    for (Path readme : readmes) {
      String text = Files.readString(readme);
      Matcher m = INCLUDE.matcher(text);
      StringBuilder rewritten = new StringBuilder();
      while (m.find()) {
        Path source = root.resolve(m.group(1));
        assertTrue(Files.exists(source), readme + " includes " + m.group(1)
            + ", which does not exist");
        String code = Files.readString(source);
        if (update) {
          m.appendReplacement(rewritten, Matcher.quoteReplacement("<!-- include: " + m.group(1)
              + " -->\n```" + m.group(2) + "\n" + code + "```"));
        } else {
          assertEquals(code, m.group(3), root.relativize(readme) + ": the block after <!--"
              + " include: " + m.group(1) + " --> differs from the file; run ./mvnw -pl"
              + " karafka-examples test -Dreadme.update=true -Dtest=ReadmeSnippetsTest");
        }
        checked++;
      }
      if (update) {
        m.appendTail(rewritten);
        Files.writeString(readme, rewritten.toString());
      }
    }
    assertTrue(checked >= 4, "expected the README to include the example app, found " + checked
        + " includes");
  }
}
