package io.karafka.queue.jdbc;

import io.karafka.job.Job;
import io.karafka.job.JobBrowser.Section;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link io.karafka.job.JobBrowser} statements of a {@link JdbcJobStore} on a connection it
 * lends. Each section is a condition on the jobs table, the same in every statement, so a job
 * taken meanwhile is neither moved nor deleted:
 *
 * <ul>
 *   <li>scheduled: waiting, not retrying, {@code run_at} later than now (by the store's clock);
 *   <li>retries: waiting, retrying (failed, see {@code retry}), {@code run_at} later than now; a
 *       due retry is in its queue, as {@link io.karafka.job.JobStoreStats} counts it;
 *   <li>dead: state {@code dead}, most recently dead ({@code finished_at}) first.
 * </ul>
 *
 * Thread-safe (it keeps no state).
 */
final class JobSections {
  private final Map<Section, Statements> statements = new EnumMap<>(Section.class);
  private final Clock clock;

  JobSections(String p, String channel, Clock clock) {
    this.clock = clock;
    String due = "run_at = ?";
    statements.put(Section.SCHEDULED, new Statements(p, channel,
        "j.state = 'waiting' AND NOT j.retrying AND j.run_at > ?", "j.run_at, j.seq", due,
        "run_at"));
    statements.put(Section.RETRIES, new Statements(p, channel,
        "j.state = 'waiting' AND j.retrying AND j.run_at > ?", "j.run_at, j.seq", due,
        "run_at"));
    // back to the tail of its queue, with its error and retry count
    statements.put(Section.DEAD, new Statements(p, channel, "j.state = 'dead'",
        "j.finished_at DESC, j.seq DESC", "state = 'waiting', retrying = false, " + due
            + ", seq = nextval('" + p + "job_seq'), finished_at = NULL", "scheduled_at"));
  }

  List<Job> list(Connection connection, Section section, int offset, int limit)
      throws SQLException {
    Statements s = statements.get(section);
    List<Job> jobs = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(s.list)) {
      int i = s.bindNow(statement, 1, clock.instant());
      statement.setInt(i++, limit);
      statement.setInt(i, offset);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          jobs.add(JobRows.job(rs, s.atColumn));
        }
      }
    }
    return jobs;
  }

  long count(Connection connection, Section section) throws SQLException {
    Statements s = statements.get(section);
    try (PreparedStatement statement = connection.prepareStatement(s.count)) {
      s.bindNow(statement, 1, clock.instant());
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** @return true when the job was moved (its queue's channel is notified at commit) */
  boolean runNow(Connection connection, Section section, String jobId) throws SQLException {
    Statements s = statements.get(section);
    Instant now = clock.instant();
    try (PreparedStatement statement = connection.prepareStatement(s.runNow)) {
      statement.setObject(1, JobRows.time(now));
      statement.setString(2, jobId);
      s.bindNow(statement, 3, now);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** @return true when the job was deleted */
  boolean delete(Connection connection, Section section, String jobId) throws SQLException {
    Statements s = statements.get(section);
    try (PreparedStatement statement = connection.prepareStatement(s.delete)) {
      statement.setString(1, jobId);
      s.bindNow(statement, 2, clock.instant());
      return statement.executeUpdate() > 0;
    }
  }

  /** The statements of one section; {@code where} may hold one parameter: now. */
  private static final class Statements {
    final String list;
    final String count;
    final String runNow;
    final String delete;
    final String atColumn;
    final boolean timed;

    Statements(String p, String channel, String where, String order, String moveSet,
               String atColumn) {
      String from = " FROM " + p + "jobs j WHERE ";
      this.list = "SELECT " + JobSql.JOB_COLUMNS + ", j.run_at" + from + where + " ORDER BY "
          + order + " LIMIT ? OFFSET ?";
      this.count = "SELECT count(*)" + from + where;
      this.runNow = "WITH changed AS (UPDATE " + p + "jobs j SET " + moveSet
          + " WHERE j.id = ? AND " + where + " RETURNING j.queue)"
          + " SELECT pg_notify('" + channel + "', queue) FROM changed";
      this.delete = "DELETE" + from + "j.id = ? AND " + where;
      this.atColumn = atColumn;
      this.timed = where.contains("?");
    }

    /** Binds now at {@code i} if the condition needs it. @return the next parameter index */
    int bindNow(PreparedStatement statement, int i, Instant now) throws SQLException {
      if (!timed) {
        return i;
      }
      statement.setObject(i, JobRows.time(now));
      return i + 1;
    }
  }
}
