package io.karafka.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Reads every compiled class of karafka-core and checks that it refers to no type outside
 * {@code java.*} and {@code io.karafka.*}: the core depends on the JDK only (the command line,
 * which handles signals with {@code sun.misc.Signal}, is in karafka-cli).
 */
class CoreDependsOnTheJdkOnlyTest {
  private static final Pattern TYPE_IN_DESCRIPTOR = Pattern.compile("L([^;<>]+)[;<]");

  @Test
  void coreClassesReferOnlyToTheJdkAndToKarafka() throws IOException {
    Path classes = Path.of("target", "classes");
    assertTrue(Files.isDirectory(classes), "compile first: " + classes.toAbsolutePath());
    Set<String> foreign = new TreeSet<>();
    int read = 0;
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".class")).toList()) {
        if (file.getFileName().toString().equals("module-info.class")) {
          continue;
        }
        read++;
        for (String type : referencedTypes(file)) {
          // com.sun.net.httpserver: the JDK's own, supported HTTP server (module jdk.httpserver),
          // which serves the health endpoint
          if (!type.startsWith("java/") && !type.startsWith("io/karafka/")
              && !(type.startsWith("com/sun/net/httpserver/")
                  && file.toString().contains("health"))) {
            foreign.add(classes.relativize(file) + " -> " + type);
          }
        }
      }
    }
    assertTrue(read > 50, "expected the core's classes, read " + read);
    assertEquals(Set.of(), foreign, "karafka-core must depend on the JDK only");
  }

  @Test
  void theCheckSeesTypesOutsideTheJdk() throws IOException {
    Path self = Path.of("target", "test-classes", "io", "karafka", "architecture",
        "CoreDependsOnTheJdkOnlyTest.class");
    Set<String> types = referencedTypes(self);
    assertTrue(types.contains("org/junit/jupiter/api/Test"), types.toString());
    assertTrue(types.contains("org/junit/jupiter/api/Assertions"), types.toString());
  }

  /** @return internal names of every class referenced by the class file */
  static Set<String> referencedTypes(Path classFile) throws IOException {
    try (InputStream raw = Files.newInputStream(classFile);
         DataInputStream in = new DataInputStream(raw)) {
      if (in.readInt() != 0xCAFEBABE) {
        throw new IOException("not a class file: " + classFile);
      }
      in.readUnsignedShort();
      in.readUnsignedShort();
      int count = in.readUnsignedShort();
      String[] utf8 = new String[count];
      List<Integer> classNames = new ArrayList<>();
      List<Integer> descriptors = new ArrayList<>();
      for (int i = 1; i < count; i++) {
        int tag = in.readUnsignedByte();
        switch (tag) {
          case 1 -> utf8[i] = in.readUTF();
          case 7 -> classNames.add(in.readUnsignedShort());
          case 8, 16, 19, 20 -> in.readUnsignedShort();
          case 3, 4 -> in.readInt();
          case 5, 6 -> {
            in.readLong();
            i++;
          }
          case 9, 10, 11, 18, 17 -> {
            in.readUnsignedShort();
            in.readUnsignedShort();
          }
          case 12 -> {
            in.readUnsignedShort();
            descriptors.add(in.readUnsignedShort());
          }
          case 15 -> {
            in.readUnsignedByte();
            in.readUnsignedShort();
          }
          default -> throw new IOException("unknown constant tag " + tag + " in " + classFile);
        }
      }
      in.readUnsignedShort();
      in.readUnsignedShort();
      in.readUnsignedShort();
      int interfaces = in.readUnsignedShort();
      for (int i = 0; i < interfaces; i++) {
        in.readUnsignedShort();
      }
      for (int table = 0; table < 2; table++) {
        int members = in.readUnsignedShort();
        for (int m = 0; m < members; m++) {
          in.readUnsignedShort();
          in.readUnsignedShort();
          descriptors.add(in.readUnsignedShort());
          int attributes = in.readUnsignedShort();
          for (int a = 0; a < attributes; a++) {
            in.readUnsignedShort();
            in.skipNBytes(in.readInt());
          }
        }
      }
      Set<String> types = new TreeSet<>();
      for (int index : classNames) {
        String name = utf8[index];
        Matcher array = TYPE_IN_DESCRIPTOR.matcher(name);
        if (name.startsWith("[")) {
          while (array.find()) {
            types.add(array.group(1));
          }
        } else {
          types.add(name);
        }
      }
      for (String text : utf8) {
        // annotation types appear only as descriptors in attributes
        if (text != null && text.matches("\\[*L[^;()]+;")) {
          types.add(text.substring(text.indexOf('L') + 1, text.length() - 1));
        }
      }
      for (int index : descriptors) {
        Matcher m = TYPE_IN_DESCRIPTOR.matcher(utf8[index]);
        while (m.find()) {
          types.add(m.group(1));
        }
      }
      return types;
    }
  }
}
