package io.karafka.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Exchanger;
import java.util.concurrent.Phaser;
import java.util.concurrent.Semaphore;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No static mutable state in the main classes of the published modules (those of the BOM), the
 * test kit and the examples: what code shares, it gets through constructors and route factories
 * ({@code controller(() -> new OrdersController(repository))}), so that two apps, two tests or
 * two benchmark runs in one JVM never see each other's state.
 *
 * <p>Reads the compiled classes of each module from the class path (its {@code target/classes}
 * or its jar) and fails listing every static field that is not final, or final but mutable: of a
 * mutable JDK type (a concrete collection or map, {@code Atomic*}, {@code CountDownLatch},
 * {@code ThreadLocal}, ...), a collection or map whose value is not an unmodifiable one
 * ({@code List.of}, {@code Map.copyOf}, {@code Collections.unmodifiableMap}, ...), a non-empty
 * array, or an object of a Karafka class with a non-final field or a field of a mutable JDK type.
 * Synthetic fields, enum constants and {@code serialVersionUID} are not state; loggers, patterns
 * and other library objects are not looked into.
 */
class NoStaticMutableStateTest {
  private static final Pattern ARTIFACT =
      Pattern.compile("<artifactId>(karafka-[^<]+)</artifactId>");
  /** Types that are mutable whatever their value, besides concrete collections and atomics. */
  private static final Set<Class<?>> MUTABLE = Set.of(CountDownLatch.class, CyclicBarrier.class,
      Semaphore.class, Phaser.class, Exchanger.class, ThreadLocal.class, StringBuilder.class,
      StringBuffer.class, BitSet.class);
  /** The classes of the JDK's unmodifiable collections and maps. */
  private static final List<String> UNMODIFIABLE = List.of("java.util.ImmutableCollections$",
      "java.util.Collections$Unmodifiable", "java.util.Collections$Empty",
      "java.util.Collections$Singleton");

  @Test
  void mainClassesHoldNoStaticMutableState() throws IOException {
    Set<String> modules = modules();
    Map<String, Path> locations = locations(modules);
    assertEquals(modules, locations.keySet(), "the main classes of every module are on the"
        + " class path " + System.getProperty("java.class.path"));
    List<String> problems = new ArrayList<>();
    int classes = 0;
    for (Map.Entry<String, Path> module : locations.entrySet()) {
      for (String name : classNames(module.getValue())) {
        classes++;
        try {
          Class<?> type = Class.forName(name, false, getClass().getClassLoader());
          for (Field field : type.getDeclaredFields()) {
            problem(field).ifPresent(p -> problems.add(module.getKey() + ": "
                + field.getDeclaringClass().getName() + "." + field.getName() + " " + p));
          }
        } catch (ReflectiveOperationException | LinkageError e) {
          problems.add(module.getKey() + ": " + name + " cannot be inspected: " + e);
        }
      }
    }
    assertTrue(classes > 100, "found only " + classes + " classes in " + locations);
    assertEquals("", String.join("\n", problems), "static mutable state: keep it in instances"
        + " handed over through constructors or route factories, or make it immutable");
  }

  /** @return why the field is static mutable state, if it is */
  private static Optional<String> problem(Field field) {
    int modifiers = field.getModifiers();
    if (!Modifier.isStatic(modifiers) || field.isSynthetic() || field.isEnumConstant()
        || field.getName().equals("serialVersionUID")) {
      return Optional.empty();
    }
    Class<?> type = field.getType();
    if (!Modifier.isFinal(modifiers)) {
      return Optional.of("is static and not final" + (Modifier.isVolatile(modifiers)
          ? " (volatile)" : "") + ", of type " + type.getTypeName());
    }
    if (mutable(type)) {
      return Optional.of("is final, but of the mutable type " + type.getTypeName());
    }
    if (type.isPrimitive() || type == String.class) {
      return Optional.empty();
    }
    Object value;
    try {
      field.setAccessible(true);
      value = field.get(null);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return Optional.of("holds a " + type.getTypeName() + " that cannot be read: " + e);
    }
    if (value == null) {
      return Optional.empty();
    }
    if (value.getClass().isArray()) {
      return Array.getLength(value) == 0 ? Optional.empty()
          : Optional.of("is final, but holds an array (its elements can change)");
    }
    String runtime = value.getClass().getName();
    if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
      return UNMODIFIABLE.stream().anyMatch(runtime::startsWith) ? Optional.empty()
          : Optional.of("is final, but holds a modifiable " + runtime + "; use List.of, Map.of,"
              + " Set.of, List.copyOf or Collections.unmodifiable*");
    }
    return mutableField(value.getClass()).map(f -> "is final, but holds a " + runtime
        + ", whose field " + f.getName() + " " + (Modifier.isFinal(f.getModifiers())
        ? "is of the mutable type " + f.getType().getTypeName() : "is not final"));
  }

  /** @return a field that makes objects of this Karafka class (or its Karafka parents) mutable */
  private static Optional<Field> mutableField(Class<?> type) {
    for (Class<?> c = type; c != null && c.getName().startsWith("io.karafka.");
         c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (!Modifier.isStatic(field.getModifiers()) && !field.isSynthetic()
            && (!Modifier.isFinal(field.getModifiers()) || mutable(field.getType()))) {
          return Optional.of(field);
        }
      }
    }
    return Optional.empty();
  }

  /** @return whether instances of the declared type are mutable whatever they hold */
  private static boolean mutable(Class<?> type) {
    if (MUTABLE.stream().anyMatch(m -> m.isAssignableFrom(type))
        || type.getPackageName().equals("java.util.concurrent.atomic")) {
      return true;
    }
    boolean collection = Collection.class.isAssignableFrom(type)
        || Map.class.isAssignableFrom(type);
    // the JDK's unmodifiable collections are not public: a concrete one declared is mutable
    return collection && type.getName().startsWith("java.") && !type.isInterface()
        && !Modifier.isAbstract(type.getModifiers());
  }

  /** @return the modules checked: the BOM's (the published ones) and the examples */
  private static Set<String> modules() throws IOException {
    Path root = Path.of("").toAbsolutePath();
    while (!Files.exists(root.resolve("mvnw"))) {
      root = root.getParent();
    }
    Set<String> modules = new TreeSet<>();
    Matcher m = ARTIFACT.matcher(Files.readString(root.resolve("bom/pom.xml")));
    while (m.find()) {
      modules.add(m.group(1));
    }
    modules.remove("karafka-bom");
    modules.remove("karafka-parent");
    assertTrue(modules.contains("karafka-core") && modules.contains("karafka-test-kit"),
        "the BOM lists " + modules);
    modules.add("karafka-examples");
    return modules;
  }

  /** @return each module's main classes on the class path: target/classes or its main jar */
  private static Map<String, Path> locations(Set<String> modules) {
    Map<String, Path> locations = new TreeMap<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path path = Path.of(entry).toAbsolutePath().normalize();
      String name = path.getFileName().toString();
      for (String module : modules) {
        boolean classes = Files.isDirectory(path) && name.equals("classes")
            && path.getParent().getFileName().toString().equals("target")
            && path.getParent().getParent().getFileName().toString().equals(module);
        boolean jar = name.endsWith(".jar") && !name.endsWith("-tests.jar")
            && name.startsWith(module + "-") && name.length() > module.length() + 1
            && Character.isDigit(name.charAt(module.length() + 1));
        if (classes || jar) {
          locations.put(module, path);
        }
      }
    }
    return locations;
  }

  /** @return the binary names of the classes in a directory or jar */
  private static List<String> classNames(Path location) throws IOException {
    List<String> files;
    if (Files.isDirectory(location)) {
      try (Stream<Path> walk = Files.walk(location)) {
        files = walk.filter(Files::isRegularFile).map(p -> location.relativize(p).toString()
            .replace(File.separatorChar, '/')).toList();
      }
    } else {
      try (JarFile jar = new JarFile(location.toFile())) {
        files = jar.stream().map(e -> e.getName()).toList();
      }
    }
    return files.stream().filter(f -> f.endsWith(".class") && !f.startsWith("META-INF/")
            && !f.endsWith("module-info.class") && !f.endsWith("package-info.class"))
        .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.')).sorted()
        .toList();
  }
}
