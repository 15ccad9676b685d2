package io.karafka.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests: {@code initdb} in a temporary directory, {@code pg_ctl start}
 * on a free port of 127.0.0.1 with password (SCRAM) authentication, a {@code karafka} role and
 * database. Started as the {@code postgres} OS user when the tests run as root (PostgreSQL refuses
 * to run as root). Each {@link #start} gives a server of its own; a test suite that shares one
 * keeps it itself (the JDBC store's tests: {@code SharedPostgres}).
 */
public final class LocalPostgres implements AutoCloseable {
  /** The role the server is set up with. */
  public static final String USER = "karafka";
  /** The role's password. */
  public static final String PASSWORD = "karafka-secret";
  static final String DATABASE = "karafka";

  private static final Path BIN = binaries();
  private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

  private final Path dir;
  private final int port;
  private final List<String> options;
  private boolean running;

  private LocalPostgres(Path dir, int port, List<String> options) {
    this.dir = dir;
    this.port = port;
    this.options = options;
  }

  /**
   * @return {@code -Dkarafka.pg.bin}, else the newest {@code /usr/lib/postgresql/<version>/bin}
   *     holding initdb (as scripts/install-services.sh finds it)
   */
  private static Path binaries() {
    String configured = System.getProperty("karafka.pg.bin");
    if (configured != null) {
      return Path.of(configured);
    }
    try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve(
          "initdb"))).max(java.util.Comparator.comparingInt(b -> Integer.parseInt(
          b.getParent().getFileName().toString().replaceAll("\\D", "0")))).orElseThrow(() ->
          new IllegalStateException("no PostgreSQL under /usr/lib/postgresql; run"
              + " scripts/install-services.sh postgres"));
    } catch (IOException e) {
      throw new IllegalStateException("no PostgreSQL under /usr/lib/postgresql; run"
          + " scripts/install-services.sh postgres", e);
    }
  }

  /**
   * Starts a private server.
   *
   * @param durable false to turn off fsync (tests); true for PostgreSQL's defaults (benchmarks)
   */
  public static LocalPostgres start(boolean durable) {
    try {
      Path dir = Files.createTempDirectory("karafka-pg");
      List<String> options = new ArrayList<>(List.of("-c", "max_connections=300",
          "-c", "shared_buffers=256MB"));
      if (!durable) {
        options.addAll(List.of("-c", "fsync=off", "-c", "full_page_writes=off"));
      }
      LocalPostgres pg = new LocalPostgres(dir, freePort(), options);
      pg.initialise();
      return pg;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return the JDBC URL of the {@code karafka} database (no credentials in it) */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
  }

  /** @return the server's port on 127.0.0.1 */
  public int port() {
    return port;
  }

  private void initialise() throws IOException {
    Path pwfile = dir.resolve("pwfile");
    Files.writeString(pwfile, PASSWORD + "\n");
    chownToPostgres();
    run(BIN.resolve("initdb") + " -D " + data() + " -U postgres --auth-local=trust"
        + " --auth-host=scram-sha-256 --pwfile=" + pwfile + " -E UTF8 --locale=C.UTF-8");
    startServer();
    psql("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
    psql("CREATE DATABASE " + DATABASE + " OWNER " + USER);
  }

  /** Starts the server (again) on the same port and data directory. */
  /** Starts the server again on the same port and data (after {@link #stopServer()}). */
  public synchronized void startServer() {
    String opts = "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 "
        + String.join(" ", options);
    run(BIN.resolve("pg_ctl") + " -D " + data() + " -l " + dir.resolve("server.log")
        + " -o '" + opts + "' -w -t 30 start");
    running = true;
  }

  /** Stops the server (fast shutdown: connections are cut, committed data is kept). */
  /** Stops the server (a fast shutdown), as an outage; committed data stays. */
  public synchronized void stopServer() {
    if (running) {
      run(BIN.resolve("pg_ctl") + " -D " + data() + " -m fast -w -t 30 stop");
      running = false;
    }
  }

  /** Runs SQL as the superuser through the Unix socket. */
  /** Runs SQL as the superuser through psql. */
  public void psql(String sql) {
    run(BIN.resolve("psql") + " -h " + dir + " -p " + port + " -U postgres -d postgres"
        + " -v ON_ERROR_STOP=1 -q -c \"" + sql.replace("\"", "\\\"") + "\"");
  }

  @Override
  public synchronized void close() {
    try {
      if (running) {
        run(BIN.resolve("pg_ctl") + " -D " + data() + " -m immediate -w -t 30 stop");
        running = false;
      }
    } finally {
      delete(dir);
    }
  }

  private Path data() {
    return dir.resolve("data");
  }

  private void chownToPostgres() {
    if (ROOT) {
      exec(List.of("chown", "-R", "postgres:postgres", dir.toString()));
    }
  }

  private static void run(String command) {
    exec(ROOT ? List.of("su", "postgres", "-s", "/bin/sh", "-c", command)
        : List.of("/bin/sh", "-c", command));
  }

  private static void exec(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("command failed: " + command + "\n"
            + new String(output, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + command, e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a temp directory left behind is harmless
    }
  }
}
