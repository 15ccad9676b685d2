package io.karafka.queue.jdbc;

import io.karafka.app.internal.ConfigCheck;
import io.karafka.app.ConfigProblem;
import io.karafka.app.ConfigurationException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The tables of a {@link JdbcJobStore}, as versioned migrations. The store applies them itself at
 * start ({@link JdbcSettings#autoMigrate()}): in one transaction, under a PostgreSQL advisory lock
 * per table prefix, so that two processes starting at once do not race; applied versions are
 * recorded in {@code <prefix>schema_version}. Teams that run migrations themselves print the same
 * statements with {@link #sql(String)} (every statement is idempotent) and set
 * {@code autoMigrate(false)}.
 *
 * <p>Tables (prefix {@code karafka_}): {@code karafka_jobs} (one row per job: waiting, running,
 * dead, or completed and kept for {@code retention}), {@code karafka_offsets} (the dedup
 * watermark of each consumer group, topic and partition: the topic id and the highest offset
 * enqueued), {@code karafka_counters} (processed and failed counts, sharded to avoid a hot row)
 * and {@code karafka_schema_version}. Needs PostgreSQL 13 or newer.
 *
 * <p>Version 2 adds {@code karafka_offsets}; the jobs' {@code dedup_until} column of version 1
 * is no longer written (finished jobs no longer hold their ids) and is left for processes of
 * version 1 during a rolling upgrade. Version 3 adds the jobs' {@code lease_owner}: the store
 * process holding a running job, which renews its leases and is named when they are recovered.
 * Version 4 adds the jobs' W3C trace context. Version 5 adds {@code karafka_processes}: each
 * worker process's heartbeat (host, pid, concurrency, version, started at), for the web UI.
 *
 * <p>At start the store also checks that every table is there (a version row says nothing about
 * a table dropped by hand): with {@code autoMigrate} it creates what is missing again, otherwise
 * it fails naming the tables and the fix.
 */
public final class JdbcSchema {
  /** The schema version this library needs. */
  public static final int VERSION = 5;

  /** The tables (and sequence), without the prefix, and the version that creates them. */
  private static final java.util.Map<String, Integer> OBJECTS = java.util.Map.of("jobs", 1,
      "job_seq", 1, "counters", 1, "offsets", 2, "processes", 5);

  /** The advisory lock class of schema migrations ({@code 'KJ'}); the key is the prefix. */
  static final int LOCK_CLASS = 0x4b4a;

  private static final List<Migration> MIGRATIONS = List.of(new Migration(1,
      "jobs, counters and their indexes", List.of(
          "CREATE SEQUENCE IF NOT EXISTS {p}job_seq",
          """
          CREATE TABLE IF NOT EXISTS {p}jobs (
            id text PRIMARY KEY,
            queue text NOT NULL,
            state text NOT NULL CHECK (state IN ('waiting', 'running', 'dead', 'done')),
            retrying boolean NOT NULL DEFAULT false,
            run_at timestamptz NOT NULL,
            seq bigint NOT NULL DEFAULT nextval('{p}job_seq'),
            worker text NOT NULL,
            topic text NOT NULL,
            payload bytea,
            retry integer NOT NULL,
            retry_count integer NOT NULL,
            created_at timestamptz NOT NULL,
            scheduled_at timestamptz,
            timeout_ms bigint,
            error_class text,
            error_message text,
            failed_at timestamptz,
            retried_at timestamptz,
            lease_token uuid,
            lease_expires_at timestamptz,
            finished_at timestamptz,
            dedup_until timestamptz,
            purge_at timestamptz
          )""",
          "CREATE INDEX IF NOT EXISTS {p}jobs_waiting ON {p}jobs (queue, run_at, seq)"
              + " WHERE state = 'waiting'",
          "CREATE INDEX IF NOT EXISTS {p}jobs_running ON {p}jobs (lease_expires_at)"
              + " WHERE state = 'running'",
          "CREATE INDEX IF NOT EXISTS {p}jobs_dead ON {p}jobs (finished_at) WHERE state = 'dead'",
          "CREATE INDEX IF NOT EXISTS {p}jobs_done ON {p}jobs (purge_at) WHERE state = 'done'",
          """
          CREATE TABLE IF NOT EXISTS {p}counters (
            name text NOT NULL,
            shard integer NOT NULL,
            value bigint NOT NULL,
            PRIMARY KEY (name, shard)
          )""")), new Migration(2, "per-partition dedup watermarks", List.of(
          """
          CREATE TABLE IF NOT EXISTS {p}offsets (
            consumer_group text NOT NULL,
            topic text NOT NULL,
            partition integer NOT NULL,
            topic_id text NOT NULL,
            last_offset bigint NOT NULL,
            updated_at timestamptz NOT NULL,
            PRIMARY KEY (consumer_group, topic, partition)
          )""")), new Migration(3, "the owner of a lease", List.of(
          "ALTER TABLE {p}jobs ADD COLUMN IF NOT EXISTS lease_owner text")), new Migration(4,
      "the W3C trace context of a job's message", List.of(
          "ALTER TABLE {p}jobs ADD COLUMN IF NOT EXISTS traceparent text",
          "ALTER TABLE {p}jobs ADD COLUMN IF NOT EXISTS tracestate text")), new Migration(5,
      "the worker processes and their heartbeats", List.of(
          """
          CREATE TABLE IF NOT EXISTS {p}processes (
            identity text PRIMARY KEY,
            host text NOT NULL,
            pid bigint NOT NULL,
            kind text NOT NULL CHECK (kind IN ('worker', 'server')),
            concurrency integer NOT NULL,
            version text NOT NULL,
            started_at timestamptz NOT NULL,
            last_heartbeat timestamptz NOT NULL
          )""")));

  private JdbcSchema() {}

  /**
   * The whole schema as a SQL script: one transaction, the advisory lock, the version table, every
   * migration and its version row. Running it twice changes nothing.
   *
   * @param tablePrefix e.g. {@code karafka_}
   * @return the script
   * @throws ConfigurationException when the prefix is not 1-40 characters from [a-z0-9_]
   */
  public static String sql(String tablePrefix) {
    checkPrefix(tablePrefix);
    StringBuilder script = new StringBuilder("-- Karafka for Java: PostgreSQL job store, table"
        + " prefix " + tablePrefix + ", schema version " + VERSION + "\nBEGIN;\n"
        + "SELECT pg_advisory_xact_lock(" + LOCK_CLASS + ", hashtext('" + tablePrefix + "'));\n");
    script.append(versionTable(tablePrefix)).append(";\n");
    for (Migration migration : MIGRATIONS) {
      script.append("\n-- version ").append(migration.version()).append(": ")
          .append(migration.description()).append('\n');
      for (String statement : migration.statements()) {
        script.append(statement.replace("{p}", tablePrefix)).append(";\n");
      }
      script.append("INSERT INTO ").append(tablePrefix).append("schema_version (version,"
          + " description) VALUES (").append(migration.version()).append(", '")
          .append(migration.description().replace("'", "''"))
          .append("') ON CONFLICT DO NOTHING;\n");
    }
    return script.append("COMMIT;\n").toString();
  }

  /**
   * What a store does at start: migrate (and re-create tables dropped by hand, with a WARN line
   * naming them) when {@code autoMigrate} is on, else check the version and the tables.
   *
   * @param store the store's address, for the log line
   */
  static void prepare(Connection connection, JdbcSettings settings, String store)
      throws SQLException {
    if (!settings.autoMigrate()) {
      check(connection, settings.tablePrefix());
      return;
    }
    List<String> recreated = migrate(connection, settings.tablePrefix());
    if (!recreated.isEmpty()) {
      System.getLogger(JdbcJobStore.class.getName()).log(System.Logger.Level.WARNING,
          "PostgreSQL job store at {0}: {1} did not exist though their schema version is"
              + " recorded (dropped by hand?); created them again, empty", store, recreated);
    }
  }

  /**
   * Applies the missing migrations in one transaction, under the prefix's advisory lock; when a
   * table of an applied version is missing (dropped by hand), runs every migration's statements
   * again (each is idempotent), which creates it anew.
   *
   * @return the tables that were missing and are created again (empty on a fresh or intact
   *     schema)
   */
  static List<String> migrate(Connection connection, String prefix) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      lock(connection, prefix);
      statement.execute(versionTable(prefix));
      int current = version(connection, prefix);
      List<String> missing = missing(connection, prefix, current);
      for (Migration migration : MIGRATIONS) {
        if (migration.version() > current || !missing.isEmpty()) {
          for (String sql : migration.statements()) {
            statement.execute(sql.replace("{p}", prefix));
          }
        }
        if (migration.version() > current) {
          try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + prefix
              + "schema_version (version, description) VALUES (?, ?)")) {
            insert.setInt(1, migration.version());
            insert.setString(2, migration.description());
            insert.executeUpdate();
          }
        }
      }
      connection.commit();
      return missing;
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  /**
   * Checks that the schema is at least at {@link #VERSION}, for stores that do not migrate.
   *
   * @throws ConfigurationException when it is older or missing
   */
  static void check(Connection connection, String prefix) throws SQLException {
    int found;
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT to_regclass('" + prefix
             + "schema_version') IS NOT NULL")) {
      rs.next();
      found = rs.getBoolean(1) ? version(connection, prefix) : 0;
    }
    if (found < VERSION) {
      throw new ConfigurationException(List.of(new ConfigProblem("jdbc.autoMigrate", false,
          "the tables of prefix " + prefix + " are at schema version " + found
              + ", this library needs " + VERSION,
          "run the SQL of JdbcSchema.sql(\"" + prefix + "\") or set .autoMigrate(true)")));
    }
    List<String> missing = missing(connection, prefix, found);
    if (!missing.isEmpty()) {
      throw new ConfigurationException(List.of(new ConfigProblem("jdbc.autoMigrate", false,
          "schema version " + found + " is recorded for prefix " + prefix + ", but " + missing
              + " do not exist (dropped by hand?)",
          "run the SQL of JdbcSchema.sql(\"" + prefix + "\") (it creates only what is missing)"
              + " or set .autoMigrate(true)")));
    }
  }

  /** @return the prefixed tables (and sequence) of that version that do not exist, sorted */
  private static List<String> missing(Connection connection, String prefix, int version)
      throws SQLException {
    List<String> missing = new java.util.ArrayList<>();
    try (PreparedStatement exists = connection.prepareStatement(
        "SELECT to_regclass(?) IS NOT NULL")) {
      for (String object : new java.util.TreeSet<>(OBJECTS.keySet())) {
        if (OBJECTS.get(object) > version) {
          continue;
        }
        exists.setString(1, prefix + object);
        try (ResultSet rs = exists.executeQuery()) {
          rs.next();
          if (!rs.getBoolean(1)) {
            missing.add(prefix + object);
          }
        }
      }
    }
    return List.copyOf(missing);
  }

  private static int version(Connection connection, String prefix) throws SQLException {
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT coalesce(max(version), 0) FROM " + prefix
             + "schema_version")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static void lock(Connection connection, String prefix) throws SQLException {
    try (PreparedStatement lock = connection.prepareStatement(
        "SELECT pg_advisory_xact_lock(?, hashtext(?))")) {
      lock.setInt(1, LOCK_CLASS);
      lock.setString(2, prefix);
      lock.execute();
    }
  }

  private static String versionTable(String prefix) {
    return "CREATE TABLE IF NOT EXISTS " + prefix + "schema_version (\n"
        + "  version integer PRIMARY KEY,\n"
        + "  description text NOT NULL,\n"
        + "  applied_at timestamptz NOT NULL DEFAULT now()\n"
        + ")";
  }

  private static void checkPrefix(String prefix) {
    ConfigCheck check = new ConfigCheck();
    JdbcSettings.checkTablePrefix(check, prefix);
    check.throwIfAny();
  }

  private record Migration(int version, String description, List<String> statements) {}
}
