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
 * configuration), the Maven wrapper, {@code App} (setup and routes), {@code Main} (the command
 * line), one controller, one responder, one unit test, configuration per environment and systemd
 * units. It refuses to write into a directory that is not empty.
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
          + "\nnext: cd " + dir + " && ./mvnw verify");
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
    files.put("README.md", Templates.readme(name));
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
            // kafka-clients logs every failed connection attempt: Karafka tells outages once
            + "org.slf4j.simpleLogger.log.org.apache.kafka=error\n");
    files.put("config/karafka-development.properties", "kafka.hosts = 127.0.0.1:9092\n");
    files.put("config/karafka-production.properties", "kafka.hosts = kafka-1.internal:9092\n"
        + "jobs.concurrency = 20\n");
    files.put("deploy/" + name + "-server.service", Templates.unit(name, pkg, "server"));
    files.put("deploy/" + name + "-worker.service", Templates.unit(name, pkg, "worker"));
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
      Files.setPosixFilePermissions(dir.resolve("mvnw"),
          PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: run it with sh mvnw
    }
    return written;
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
