package io.karafka.queue.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps the table small and leases honest, at most once per interval of the store's clock:
 * gives expired leases back (to the head of their queues), deletes dead jobs beyond the caps, and
 * deletes completed jobs whose retention is up. Each statement touches at most
 * {@link JobSql#BATCH} rows; deleting stops after {@link #PURGE_BATCHES} batches per run. One
 * process at a time does it (a transaction-scoped advisory lock; the others skip). Thread-safe.
 */
final class Housekeeper {
  /** Delete statements per run at most: 5,000 rows. */
  static final int PURGE_BATCHES = 5;

  private final JobSql sql;
  private final JdbcSettings settings;
  private final Clock clock;
  private final AtomicReference<Instant> next = new AtomicReference<>(Instant.MIN);

  Housekeeper(JobSql sql, JdbcSettings settings, Clock clock) {
    this.sql = sql;
    this.settings = settings;
    this.clock = clock;
  }

  /** @return true when this caller should run it now (and the next run is pushed back) */
  boolean due() {
    Instant now = clock.instant();
    Instant planned = next.get();
    return !now.isBefore(planned)
        && next.compareAndSet(planned, now.plus(settings.housekeepingInterval()));
  }

  /**
   * Runs it on a connection (in autocommit mode; left so).
   *
   * @param reclaim whether expired leases may be given back now (not while the store itself
   *     has just been cut off: the owners get a lease time to renew them first)
   * @return jobs whose expired lease was given back, by the owner of the lease
   */
  java.util.Map<String, Long> run(Connection connection, boolean reclaim) throws SQLException {
    Instant now = clock.instant();
    connection.setAutoCommit(false);
    try {
      java.util.Map<String, Long> reclaimed = new java.util.TreeMap<>();
      try (PreparedStatement lock = connection.prepareStatement(sql.housekeepingLock);
           ResultSet rs = lock.executeQuery()) {
        rs.next();
        if (!rs.getBoolean(1)) {
          connection.commit();
          return java.util.Map.of();
        }
      }
      if (reclaim) {
        try (PreparedStatement expired = connection.prepareStatement(sql.reclaim)) {
          expired.setObject(1, JobRows.time(now));
          try (ResultSet rs = expired.executeQuery()) {
            while (rs.next()) {
              String owner = rs.getString(4);
              reclaimed.merge(owner == null ? "a worker of schema version 2 or older" : owner,
                  rs.getLong(2), Long::sum);
            }
          }
        }
      }
      try (PreparedStatement byAge = connection.prepareStatement(sql.deadByAge)) {
        byAge.setObject(1, JobRows.time(now.minus(settings.jobs().deadTimeout())));
        byAge.executeUpdate();
      }
      try (PreparedStatement byCount = connection.prepareStatement(sql.deadByCount)) {
        byCount.setInt(1, settings.jobs().deadMaxJobs());
        byCount.executeUpdate();
      }
      try (PreparedStatement purge = connection.prepareStatement(sql.purge)) {
        purge.setObject(1, JobRows.time(now));
        for (int i = 0; i < PURGE_BATCHES && purge.executeUpdate() == JobSql.BATCH; i++) {
          // a full batch: there may be more
        }
      }
      connection.commit();
      return reclaimed;
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }
}
