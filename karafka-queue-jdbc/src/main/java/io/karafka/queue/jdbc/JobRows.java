package io.karafka.queue.jdbc;

import io.karafka.job.Job;
import io.karafka.job.JobError;
import io.karafka.job.Lease;
import io.karafka.message.TraceContext;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Binds jobs to statements and reads them back. */
final class JobRows {
  private JobRows() {}

  /**
   * Binds the 17 column arrays of the enqueue statement from position 1.
   *
   * @return the next position
   */
  static int bindJobs(Connection connection, PreparedStatement statement, List<Job> jobs,
                       Instant now) throws SQLException {
    int i = 1;
    statement.setArray(i++, texts(connection, jobs, Job::id));
    statement.setArray(i++, texts(connection, jobs, Job::queue));
    statement.setArray(i++, texts(connection, jobs, Job::worker));
    statement.setArray(i++, texts(connection, jobs, Job::topic));
    byte[][] payloads = new byte[jobs.size()][];
    for (int j = 0; j < payloads.length; j++) {
      payloads[j] = jobs.get(j).payload().getBytes(StandardCharsets.UTF_8);
    }
    statement.setArray(i++, connection.createArrayOf("bytea", payloads));
    statement.setArray(i++, connection.createArrayOf("int4",
        jobs.stream().map(Job::retry).toArray(Integer[]::new)));
    statement.setArray(i++, connection.createArrayOf("int4",
        jobs.stream().map(Job::retryCount).toArray(Integer[]::new)));
    statement.setArray(i++, micros(connection, jobs, Job::createdAt));
    statement.setArray(i++, micros(connection, jobs, job -> job.at().orElse(null)));
    statement.setArray(i++, micros(connection, jobs, job -> runAt(job, now)));
    statement.setArray(i++, connection.createArrayOf("int8", jobs.stream()
        .map(job -> job.timeout().map(Duration::toMillis).orElse(null)).toArray(Long[]::new)));
    statement.setArray(i++, texts(connection, jobs,
        job -> job.error().map(e -> clean(e.errorClass())).orElse(null)));
    statement.setArray(i++, texts(connection, jobs,
        job -> job.error().map(e -> clean(e.errorMessage())).orElse(null)));
    statement.setArray(i++, micros(connection, jobs,
        job -> job.error().map(JobError::failedAt).orElse(null)));
    statement.setArray(i++, micros(connection, jobs,
        job -> job.error().map(JobError::retriedAt).orElse(null)));
    statement.setArray(i++, texts(connection, jobs,
        job -> job.trace().map(TraceContext::traceparent).orElse(null)));
    statement.setArray(i++, texts(connection, jobs,
        job -> job.trace().flatMap(TraceContext::tracestate).orElse(null)));
    return i;
  }

  /** Binds the failure columns of retry and kill (7 parameters) from {@code i}. */
  static int bindFailure(PreparedStatement statement, int i, Job failed) throws SQLException {
    statement.setInt(i++, failed.retry());
    statement.setInt(i++, failed.retryCount());
    if (failed.timeout().isPresent()) {
      statement.setLong(i++, failed.timeout().get().toMillis());
    } else {
      statement.setNull(i++, Types.BIGINT);
    }
    Optional<JobError> error = failed.error();
    statement.setString(i++, error.map(e -> clean(e.errorClass())).orElse(null));
    statement.setString(i++, error.map(e -> clean(e.errorMessage())).orElse(null));
    statement.setObject(i++, error.map(e -> time(e.failedAt())).orElse(null),
        Types.TIMESTAMP_WITH_TIMEZONE);
    statement.setObject(i++, error.map(e -> time(e.retriedAt())).orElse(null),
        Types.TIMESTAMP_WITH_TIMEZONE);
    return i;
  }

  /** Reads a leased row of the fetch statement. */
  static Lease lease(ResultSet rs, Instant expiresAt) throws SQLException {
    return new Lease(job(rs, "scheduled_at"), rs.getString("lease_token"), expiresAt);
  }

  /**
   * Reads the job of a row holding {@link JobSql#JOB_COLUMNS}.
   *
   * @param atColumn the timestamp column that becomes {@link Job#at()} (may be null)
   */
  static Job job(ResultSet rs, String atColumn) throws SQLException {
    byte[] payload = rs.getBytes("payload");
    long timeout = rs.getLong("timeout_ms");
    Optional<Duration> timeoutValue = rs.wasNull() ? Optional.empty()
        : Optional.of(Duration.ofMillis(timeout));
    String errorClass = rs.getString("error_class");
    Optional<JobError> error = errorClass == null ? Optional.empty() : Optional.of(new JobError(
        errorClass, rs.getString("error_message"), instant(rs, "failed_at"),
        instant(rs, "retried_at")));
    return new Job(rs.getString("id"), rs.getString("worker"), rs.getString("queue"),
        rs.getString("topic"), new String(payload, StandardCharsets.UTF_8), rs.getInt("retry"),
        rs.getInt("retry_count"), instant(rs, "created_at"),
        Optional.ofNullable(instantOrNull(rs, atColumn)), timeoutValue, error,
        TraceContext.parse(rs.getString("traceparent"), rs.getString("tracestate")));
  }

  static OffsetDateTime time(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  static Array texts(Connection connection, Collection<String> values) throws SQLException {
    return connection.createArrayOf("text", values.toArray(String[]::new));
  }

  private static Array texts(Connection connection, List<Job> jobs,
                             Function<Job, String> field) throws SQLException {
    return connection.createArrayOf("text", jobs.stream().map(field).toArray(String[]::new));
  }

  private static Array micros(Connection connection, List<Job> jobs,
                              Function<Job, Instant> field) throws SQLException {
    Long[] values = new Long[jobs.size()];
    for (int i = 0; i < values.length; i++) {
      Instant instant = field.apply(jobs.get(i));
      values[i] = instant == null ? null
          : Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L),
              instant.getNano() / 1_000);
    }
    return connection.createArrayOf("int8", values);
  }

  /** A job runs when it is due: now, or its scheduled time when that is later. */
  private static Instant runAt(Job job, Instant now) {
    return job.at().filter(at -> at.isAfter(now)).orElse(now);
  }

  /** PostgreSQL text cannot hold NUL: exception messages sometimes do. */
  private static String clean(String text) {
    return text == null ? null : text.replace('\u0000', '\uFFFD');
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }

  private static Instant instantOrNull(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
