package io.karafka.queue.jdbc;

import io.karafka.job.JobStoreUnavailableException;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The connections a {@link JdbcJobStore} lends: every piece of work on a pooled connection, and
 * every failure turned into a {@link JobStoreUnavailableException} that names the store's
 * (masked) URL, the operation and PostgreSQL's own messages. Remembers when the database last
 * failed, by the store's clock. Thread-safe.
 */
final class JdbcConnections {
  private static final System.Logger LOG = System.getLogger(JdbcJobStore.class.getName());

  private final DataSource dataSource;
  private final String description;
  private final Clock clock;
  private volatile Instant lastFailure = Instant.EPOCH;
  private volatile boolean closed;

  /** Statements on a connection the store lends. */
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  JdbcConnections(DataSource dataSource, String description, Clock clock) {
    this.dataSource = dataSource;
    this.description = description;
    this.clock = clock;
  }

  DataSource dataSource() {
    return dataSource;
  }

  /**
   * Runs the work on a pooled connection.
   *
   * @param operation what it does, for the message of a failure (built only then)
   * @throws JobStoreUnavailableException when it fails, or the store is closed
   */
  <T> T on(Supplier<String> operation, Work<T> work) {
    requireOpen();
    try (Connection connection = dataSource.getConnection()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw unavailable(operation.get(), e);
    }
  }

  /** @return the failure of an operation, as thrown to the store's callers */
  JobStoreUnavailableException unavailable(String operation, SQLException e) {
    if (closed) {
      return new JobStoreUnavailableException("PostgreSQL job store at " + description
          + " is closed", e);
    }
    failed();
    LOG.log(Level.DEBUG, "PostgreSQL job store at {0}: {1} failed", description, operation);
    return new JobStoreUnavailableException("PostgreSQL job store at " + description + ": "
        + operation + " failed: " + Pools.messages(e), e);
  }

  /** The database could not be reached just now. */
  void failed() {
    lastFailure = clock.instant();
  }

  /** @return when the database last failed, by the store's clock (the epoch at first) */
  Instant lastFailure() {
    return lastFailure;
  }

  void requireOpen() {
    if (closed) {
      throw new JobStoreUnavailableException("PostgreSQL job store at " + description
          + " is closed");
    }
  }

  void close() {
    closed = true;
  }
}
