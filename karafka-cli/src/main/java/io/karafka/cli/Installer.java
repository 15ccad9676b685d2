package io.karafka.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code install}: creates a new Karafka application that builds with the BOM, before any app
 * exists. Run it with the core and command-line jars (or {@code bin/karafka} in this repository):
 *
 * <pre>
 * java -cp karafka-cli-0.1.0-SNAPSHOT.jar:karafka-core-0.1.0-SNAPSHOT.jar \
 *     io.karafka.cli.Installer install shop --package com.acme.shop
 * cd shop && ./mvnw verify
 * </pre>
 *
 * It writes a {@code pom.xml} (BOM, Kafka adapter, JSON, Redis job store, test kit, a Jib image
 * configuration, the distribution), the Maven wrapper, {@code App} (setup and routes),
 * {@code Main} (the command line), one controller, one responder, one unit test, configuration
 * per environment, the launcher {@code src/dist/bin/NAME} and the assembly that makes
 * {@code ./mvnw package} build the distribution {@code target/NAME} (bin/, lib/, config/),
 * systemd units running that launcher, and a README saying what the app reads, writes and needs
 * and how to run and deploy it. It refuses to write into a directory that is not empty.
 */
public final class Installer {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,60}");
  private static final Pattern PACKAGE = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");
  static final String VERSION = "0.1.0-SNAPSHOT";

  private Installer() {}

  private static final String USAGE = "Usage: bin/karafka install NAME [--package PKG]"
      + " [--dir DIR]\n  Creates a new application that builds with the BOM; its own Main then"
      + " runs\n  the other commands (help, routes, server, worker, ...).";

  /** @param args {@code install NAME [--package PKG] [--dir DIR]}, or {@code help} */
  public static void main(String[] args) {
    System.exit(command(List.of(args), System.out, System.err));
  }

  /**
   * The framework's own command line, before any app exists: {@code install}, or {@code help}.
   *
   * @return the exit code: 0 done, 1 failed, 2 wrong usage (one line, then the usage)
   */
  public static int command(List<String> args, PrintStream out, PrintStream err) {
    String first = args.isEmpty() ? "" : args.getFirst();
    switch (first) {
      case "install" -> {
        return run(args.subList(1, args.size()), out, err);
      }
      case "help", "--help", "-h" -> {
        out.println(USAGE);
        return 0;
      }
      case "" -> {
        err.println("karafka: name a command");
        err.println(USAGE);
        return 2;
      }
      default -> {
        err.println("karafka: unknown command '" + first + "'; this command line only creates"
            + " applications (an application's own Main runs the others)");
        err.println(USAGE);
        return 2;
      }
    }
  }

  /** @return the exit code: 0 written, 1 failed, 2 wrong usage */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    try {
      List<String> rest = args;
      if (!rest.isEmpty() && rest.getFirst().equals("install")) {
        rest = rest.subList(1, rest.size());
      }
      if (rest.isEmpty() || rest.getFirst().startsWith("-")) {
        throw new UsageException("karafka install: name the application, e.g. karafka install"
            + " shop --package com.acme.shop");
      }
      String name = rest.getFirst();
      var options = io.karafka.cli.internal.Options.parse("install", rest.subList(1,
          rest.size()), java.util.Set.of("--package", "--dir"), java.util.Set.of());
      if (!NAME.matcher(name).matches()) {
        throw new UsageException("karafka install: the name must be lower-case letters, digits,"
            + " '_' or '-', starting with a letter; got '" + name + "'");
      }
      String pkg = options.has("--package") ? options.get("--package")
          : "com.example." + name.replace('-', '_');
      if (!PACKAGE.matcher(pkg).matches()) {
        throw new UsageException("karafka install: --package must be a Java package in lower"
            + " case, e.g. com.acme.shop; got '" + pkg + "'");
      }
      Path dir = Path.of(options.has("--dir") ? options.get("--dir") : name);
      List<Path> written = install(dir, name, pkg);
      out.println("karafka install: created " + written.size() + " files in " + dir
          + "\nnext: cd " + dir + " && ./mvnw verify && target/" + name + "/bin/" + name
          + " help");
      return 0;
    } catch (UsageException e) {
      err.println(e.getMessage());
      err.println("Usage: karafka install NAME [--package PKG] [--dir DIR]");
      return 2;
    } catch (IOException | RuntimeException e) {
      err.println("karafka install: " + e.getMessage());
      return 1;
    }
  }

  /**
   * Writes the skeleton.
   *
   * @return the files written
   * @throws IOException when the directory is not empty or a file cannot be written
   */
  public static List<Path> install(Path dir, String name, String pkg) throws IOException {
    if (Files.isDirectory(dir)) {
      try (var entries = Files.list(dir)) {
        if (entries.findAny().isPresent()) {
          throw new IOException(dir + " is not empty; choose a new directory with --dir");
        }
      }
    }
    String path = pkg.replace('.', '/');
    String className = Character.toUpperCase(name.charAt(0)) + name.substring(1)
        .replaceAll("[-_](.)", "$1");
    Map<String, String> files = new LinkedHashMap<>();
    files.put("pom.xml", Templates.pom(name, pkg));
    files.put("README.md", ReadmeTemplate.readme(name, pkg));
    files.put(".gitignore", "target/\n*.log\n*.pid\n");
    files.put("src/main/java/" + path + "/App.java", Templates.app(name, pkg));
    files.put("src/main/java/" + path + "/Main.java", Templates.main(pkg));
    files.put("src/main/java/" + path + "/OrdersCreateController.java",
        Templates.controller(pkg));
    files.put("src/main/java/" + path + "/OrdersCreateResponder.java", Templates.responder(pkg));
    files.put("src/test/java/" + path + "/OrdersCreateControllerTest.java",
        Templates.test(pkg));
    files.put("src/main/resources/simplelogger.properties",
        "org.slf4j.simpleLogger.defaultLogLevel=info\n"
            + "org.slf4j.simpleLogger.showDateTime=true\n"
            // kafka-clients logs every failed connection attempt: Karafka tells outages once
            + "org.slf4j.simpleLogger.log.org.apache.kafka=error\n");
    files.put("config/karafka-development.properties", "kafka.hosts = 127.0.0.1:9092\n");
    files.put("config/karafka-production.properties", "kafka.hosts = kafka-1.internal:9092\n"
        + "jobs.concurrency = 20\n");
    files.put("src/dist/bin/" + name, launcher(name, pkg + ".Main"));
    files.put("src/assembly/dist.xml", DeployTemplates.assembly());
    files.put("deploy/" + name + "-server.service", DeployTemplates.unit(name, "server"));
    files.put("deploy/" + name + "-worker.service", DeployTemplates.unit(name, "worker"));
    files.put(".mvn/wrapper/maven-wrapper.properties", resource("maven-wrapper.properties"));
    files.put(".mvn/find-jdk.sh", resource("find-jdk.sh"));
    files.put("mvnw", resource("mvnw"));
    List<Path> written = new ArrayList<>();
    for (Map.Entry<String, String> e : files.entrySet()) {
      Path file = dir.resolve(e.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, e.getValue().replace("${ClassName}", className),
          StandardCharsets.UTF_8);
      written.add(file);
    }
    try {
      for (Path script : List.of(dir.resolve("mvnw"), dir.resolve("src/dist/bin/" + name))) {
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: run them with sh (the distribution's launcher gets 0755 anyway)
    }
    return written;
  }

  /**
   * The launcher script of an application's distribution ({@code bin/NAME}, from
   * {@code src/dist/bin/NAME}): finds Java 21 or newer as {@code ./mvnw} does ({@code JAVA_HOME},
   * the default {@code java}, the usual JVM folders; otherwise it says what to install), then
   * replaces itself ({@code exec}) with that JVM running {@code mainClass} on the jars of
   * {@code lib/} beside {@code bin/}, passing the arguments, {@code JAVA_OPTS} and the exit code
   * through. {@code server --daemon} started from it starts the server through it again.
   *
   * @param name the application's name (the script's file name, its messages' prefix)
   * @param mainClass the class whose {@code main} runs the application's command line
   * @return the script's text
   * @throws IOException when the JDK search script is missing from this jar
   */
  public static String launcher(String name, String mainClass) throws IOException {
    return DeployTemplates.launcher(name, mainClass, resource("find-jdk.sh"));
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = Installer.class.getResourceAsStream("templates/" + name)) {
      if (in == null) {
        throw new IOException("template " + name + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
