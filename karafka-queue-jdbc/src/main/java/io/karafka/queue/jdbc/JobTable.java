package io.karafka.queue.jdbc;

import io.karafka.job.ConsumedJobs;
import io.karafka.job.Job;
import io.karafka.job.JobStoreStats;
import io.karafka.job.Lease;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The statements of a {@link JdbcJobStore} on a connection it lends: what each operation does to
 * the jobs table, with times from the store's clock. Thread-safe (it keeps no state).
 */
final class JobTable {
  private static final int ENQUEUE_CHUNK = 1000;
  private static final int COUNTER_SHARDS = 16;

  private final JobSql sql;
  private final JdbcSettings settings;
  private final Clock clock;
  private final Watermarks watermarks;
  /** This store's name on the leases it takes (host:pid:random). */
  private final String owner;

  JobTable(JobSql sql, JdbcSettings settings, Clock clock, String owner) {
    this.owner = owner;
    this.sql = sql;
    this.settings = settings;
    this.clock = clock;
    this.watermarks = new Watermarks(sql, clock);
  }

  /** Inserts the first job of each id, 1,000 per statement; ids the table holds are ignored. */
  void insert(Connection connection, List<Job> jobs) throws SQLException {
    Map<String, Job> unique = new LinkedHashMap<>();
    for (Job job : jobs) {
      unique.putIfAbsent(job.id(), job);
    }
    List<Job> distinct = List.copyOf(unique.values());
    Instant now = clock.instant();
    try (PreparedStatement statement = connection.prepareStatement(sql.enqueue)) {
      for (int from = 0; from < distinct.size(); from += ENQUEUE_CHUNK) {
        int next = JobRows.bindJobs(connection, statement,
            distinct.subList(from, Math.min(distinct.size(), from + ENQUEUE_CHUNK)), now);
        statement.setObject(next, JobRows.time(now));
        statement.executeQuery().close();
      }
    }
  }

  /**
   * Inserts consumed jobs past the partition's watermark and moves it, on a connection in a
   * transaction (the watermark's row stays locked until it ends): jobs of the same topic id at or
   * below it are skipped; another topic id replaces it.
   *
   * @return the skipped offsets
   */
  List<Long> insert(Connection connection, ConsumedJobs consumed) throws SQLException {
    long upTo = watermarks.lock(connection, consumed);
    List<Job> fresh = consumed.jobsAfter(upTo);
    if (!fresh.isEmpty()) {
      insert(connection, fresh);
    }
    watermarks.move(connection, consumed, Math.max(upTo, consumed.lastOffset()));
    return consumed.offsetsUpTo(upTo);
  }

  /**
   * Leases up to {@code max} due jobs of the queues, in order, one statement per queue; the first
   * statement also completes {@code done} (may be empty).
   */
  List<Lease> lease(Connection connection, List<String> queues, int max, List<Lease> done)
      throws SQLException {
    List<Lease> taken = new ArrayList<>();
    Instant now = clock.instant();
    Instant expiresAt = now.plus(settings.leaseTime());
    boolean completing = !done.isEmpty();
    for (int q = 0; q < queues.size() && (taken.size() < max || completing); q++) {
      try (PreparedStatement statement = connection.prepareStatement(
          completing ? sql.completeAndFetch : sql.fetch)) {
        int i = completing ? bindCompletion(connection, statement, done, now) : 1;
        statement.setObject(i++, JobRows.time(expiresAt));
        statement.setString(i++, owner);
        statement.setString(i++, queues.get(q));
        statement.setObject(i++, JobRows.time(now));
        statement.setInt(i, Math.max(1, max - taken.size()));
        try (ResultSet rs = statement.executeQuery()) {
          while (rs.next()) {
            taken.add(JobRows.lease(rs, expiresAt));
          }
        }
      }
      completing = false;
    }
    return taken;
  }

  /** @return how many running leases of this store were renewed for another lease time */
  int renew(Connection connection) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql.renew)) {
      statement.setObject(1, JobRows.time(clock.instant().plus(settings.leaseTime())));
      statement.setString(2, owner);
      return statement.executeUpdate();
    }
  }

  void complete(Connection connection, List<Lease> leases) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql.complete)) {
      bindCompletion(connection, statement, leases, clock.instant());
      statement.executeUpdate();
    }
  }

  /** Retries ({@code at} is when) or kills ({@code at} is now) the job of a running lease. */
  void fail(Connection connection, Lease lease, Job failed, Instant at, boolean dead)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(dead ? sql.kill
        : sql.retry)) {
      statement.setObject(1, JobRows.time(at));
      int i = JobRows.bindFailure(statement, 2, failed);
      statement.setString(i++, lease.job().id());
      statement.setObject(i++, UUID.fromString(lease.token()));
      statement.setInt(i, shard());
      statement.executeUpdate();
    }
  }

  void release(Connection connection, Lease lease) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql.release)) {
      statement.setString(1, lease.job().id());
      statement.setObject(2, UUID.fromString(lease.token()));
      statement.executeQuery().close();
    }
  }

  JobStoreStats stats(Connection connection) throws SQLException {
    Map<String, Long> queued = new LinkedHashMap<>();
    Map<String, Instant> oldest = new LinkedHashMap<>();
    long[] counts = new long[6];
    try (PreparedStatement statement = connection.prepareStatement(sql.stats)) {
      Instant now = clock.instant();
      statement.setObject(1, JobRows.time(now));
      statement.setObject(2, JobRows.time(now));
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          long n = rs.getLong("n");
          switch (rs.getString("kind")) {
            case "waiting" -> {
              if (rs.getBoolean("due")) {
                queued.merge(rs.getString("queue"), n, Long::sum);
              } else {
                counts[rs.getBoolean("retrying") ? 2 : 1] += n;
              }
            }
            case "running" -> counts[0] = n;
            case "dead" -> counts[3] = n;
            case "processed" -> counts[4] = n;
            case "failed" -> counts[5] = n;
            case "oldest" -> oldest.put(rs.getString("queue"), Instant.EPOCH.plus(n,
                ChronoUnit.MICROS));
            default -> { }
          }
        }
      }
    }
    return new JobStoreStats(queued, counts[0], counts[1], counts[2], counts[3], counts[4],
        counts[5], oldest);
  }

  /**
   * Binds the completion parameters from 1: finish and purge times when completed jobs are kept
   * ({@code retention}), then ids, tokens and the counter shard.
   *
   * @return the next parameter index
   */
  private int bindCompletion(Connection connection, PreparedStatement statement,
                             List<Lease> leases, Instant now) throws SQLException {
    int i = 1;
    if (settings.retention().isPositive()) {
      statement.setObject(i++, JobRows.time(now));
      statement.setObject(i++, JobRows.time(now.plus(settings.retention())));
    }
    statement.setArray(i++, JobRows.texts(connection,
        leases.stream().map(l -> l.job().id()).toList()));
    statement.setArray(i++, connection.createArrayOf("uuid",
        leases.stream().map(Lease::token).toArray(String[]::new)));
    statement.setInt(i++, shard());
    return i;
  }

  /** Counters are sharded so that concurrent completions do not queue on one row. */
  private static int shard() {
    return ThreadLocalRandom.current().nextInt(COUNTER_SHARDS);
  }

  /** @return whether the token can be one of this table's leases (a UUID) */
  static boolean isLeaseToken(String token) {
    try {
      UUID.fromString(token);
      return token.length() == 36;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
