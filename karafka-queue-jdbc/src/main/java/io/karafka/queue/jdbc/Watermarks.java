package io.karafka.queue.jdbc;

import io.karafka.job.ConsumedJobs;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;

/**
 * The dedup watermarks of a {@link JdbcJobStore} ({@code <prefix>offsets}): per consumer group,
 * topic and partition, the topic id and the highest offset enqueued. Used inside the enqueue's
 * transaction: {@link #lock} holds the partition's row until it commits, so two consumers
 * enqueueing the same partition (a rebalance) take turns. Thread-safe (it keeps no state).
 */
final class Watermarks {
  private final JobSql sql;
  private final Clock clock;

  Watermarks(JobSql sql, Clock clock) {
    this.sql = sql;
    this.clock = clock;
  }

  /**
   * Locks (creating it if new) the partition's row.
   *
   * @return the offset at or below which jobs of this topic id are already enqueued; -1 when
   *     none are (no row, or one of another topic id)
   */
  long lock(Connection connection, ConsumedJobs consumed) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql.lockWatermark)) {
      statement.setString(1, consumed.group());
      statement.setString(2, consumed.topic());
      statement.setInt(3, consumed.partition());
      statement.setString(4, consumed.topicId());
      statement.setObject(5, JobRows.time(clock.instant()));
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getString(1).equals(consumed.topicId()) ? rs.getLong(2) : -1;
      }
    }
  }

  /** Sets the partition's row (locked by {@link #lock}) to the topic id and that offset. */
  void move(Connection connection, ConsumedJobs consumed, long offset) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql.moveWatermark)) {
      statement.setString(1, consumed.topicId());
      statement.setLong(2, offset);
      statement.setObject(3, JobRows.time(clock.instant()));
      statement.setString(4, consumed.group());
      statement.setString(5, consumed.topic());
      statement.setInt(6, consumed.partition());
      statement.executeUpdate();
    }
  }
}
