package io.karafka.queue.jdbc;

import io.karafka.job.ProcessInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The worker processes of a {@link JdbcJobStore}, in {@code <prefix>processes} (schema version
 * 5): a worker's store writes its row with each lease renewal (every third of the lease time,
 * from its first fetch) and deletes it when it closes; a row older than the lease time is a
 * killed process's and is not listed (the next beat of any process deletes it). Its busy jobs are
 * the running rows of {@code <prefix>jobs} whose {@code lease_owner} it is. Thread-safe.
 */
final class JdbcProcesses {
  private final String prefix;
  private final String identity;
  private final int concurrency;
  private final Duration ttl;
  private final Clock clock;
  private volatile Instant startedAt;

  JdbcProcesses(JdbcSettings settings, Clock clock, String identity) {
    this.prefix = settings.tablePrefix();
    this.identity = identity;
    this.concurrency = settings.jobs().concurrency();
    this.ttl = settings.leaseTime();
    this.clock = clock;
  }

  /** @return this process's name, also on the leases it takes (host:pid:random) */
  String identity() {
    return identity;
  }

  /** @return how long a process stays listed after its last beat: the lease time */
  Duration ttl() {
    return ttl;
  }

  /** Writes this process's heartbeat, and forgets processes silent for longer than the TTL. */
  void beat(Connection connection) throws SQLException {
    Instant now = clock.instant();
    if (startedAt == null) {
      startedAt = now;
    }
    try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO " + prefix
        + "processes (identity, host, pid, kind, concurrency, version, started_at,"
        + " last_heartbeat) VALUES (?, ?, ?, 'worker', ?, ?, ?, ?) ON CONFLICT (identity) DO"
        + " UPDATE SET last_heartbeat = EXCLUDED.last_heartbeat");
         PreparedStatement prune = connection.prepareStatement("DELETE FROM " + prefix
             + "processes WHERE last_heartbeat < ?")) {
      upsert.setString(1, identity);
      upsert.setString(2, identity.substring(0, identity.indexOf(':')));
      upsert.setLong(3, ProcessHandle.current().pid());
      upsert.setInt(4, concurrency);
      upsert.setString(5, ProcessInfo.KARAFKA_VERSION);
      upsert.setObject(6, JobRows.time(startedAt));
      upsert.setObject(7, JobRows.time(now));
      upsert.executeUpdate();
      prune.setObject(1, JobRows.time(now.minus(ttl)));
      prune.executeUpdate();
    }
  }

  /** Deletes this process's row: it no longer fetches. */
  void leave(Connection connection) throws SQLException {
    try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + prefix
        + "processes WHERE identity = ?")) {
      delete.setString(1, identity);
      delete.executeUpdate();
    }
  }

  /** @return the processes whose heartbeat is younger than the TTL, the longest running first */
  List<ProcessInfo> list(Connection connection) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT p.identity, p.host,"
        + " p.pid, p.kind, p.concurrency, p.version, p.started_at, p.last_heartbeat, (SELECT"
        + " count(*) FROM " + prefix + "jobs j WHERE j.state = 'running' AND j.lease_owner ="
        + " p.identity) FROM " + prefix + "processes p WHERE p.last_heartbeat >= ?"
        + " ORDER BY p.started_at, p.identity")) {
      select.setObject(1, JobRows.time(clock.instant().minus(ttl)));
      List<ProcessInfo> processes = new ArrayList<>();
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          processes.add(new ProcessInfo(rs.getString(1), rs.getString(2), rs.getLong(3),
              ProcessInfo.Kind.valueOf(rs.getString(4).toUpperCase(java.util.Locale.ROOT)),
              rs.getInt(5), (int) rs.getLong(9), rs.getString(6), rs.getObject(7,
              OffsetDateTime.class).toInstant(), rs.getObject(8, OffsetDateTime.class)
              .toInstant()));
        }
      }
      return processes;
    }
  }
}
