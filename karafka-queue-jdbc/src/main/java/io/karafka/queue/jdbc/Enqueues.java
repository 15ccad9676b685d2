package io.karafka.queue.jdbc;

import io.karafka.job.ConsumedJobs;
import io.karafka.job.Job;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * How a {@link JdbcJobStore} enqueues: in a transaction of its own (durable at commit even when
 * lease commits are asynchronous), with the consumer's per-partition watermark, or in the
 * application's open transaction. Due jobs wake waiting fetches. Thread-safe.
 */
final class Enqueues {
  private final JdbcConnections connections;
  private final JobTable table;
  private final Notifications notifications;
  /** Statement that undoes asyncLeaseCommits for an enqueue transaction, if needed. */
  private final String durable;

  Enqueues(JdbcConnections connections, JobTable table, Notifications notifications,
           String durable) {
    this.connections = connections;
    this.table = table;
    this.notifications = notifications;
    this.durable = durable;
  }

  void jobs(List<Job> jobs) {
    if (jobs.isEmpty()) {
      return;
    }
    inTransaction("enqueueing " + jobs.size() + " job(s)", connection -> {
      table.insert(connection, jobs);
      return null;
    });
    notifications.signal();
  }

  /** @return the offsets skipped as enqueued already */
  List<Long> consumed(ConsumedJobs consumed) {
    if (!consumed.incarnationKnown()) {
      jobs(consumed.jobs());
      return List.of();
    }
    if (consumed.jobs().isEmpty()) {
      return List.of();
    }
    List<Long> skipped = inTransaction("enqueueing " + consumed.jobs().size() + " job(s) of "
        + consumed.topic() + "/" + consumed.partition(),
        connection -> table.insert(connection, consumed));
    if (skipped.size() < consumed.jobs().size()) {
      notifications.signal();
    }
    return skipped;
  }

  /** In the caller's open transaction, without committing it. */
  void inCallers(Connection connection, List<Job> jobs) {
    connections.requireOpen();
    try {
      if (connection.getAutoCommit()) {
        throw new IllegalArgumentException("enqueue(connection, jobs) needs a connection in a"
            + " transaction: call connection.setAutoCommit(false) first");
      }
      if (!jobs.isEmpty()) {
        table.insert(connection, jobs);
      }
    } catch (SQLException e) {
      throw connections.unavailable("enqueueing " + jobs.size() + " job(s) in the caller's"
          + " transaction", e);
    }
  }

  private <T> T inTransaction(String operation, JdbcConnections.Work<T> work) {
    return connections.on(() -> operation, connection -> {
      connection.setAutoCommit(false);
      try {
        if (durable != null) {
          try (Statement statement = connection.createStatement()) {
            statement.execute(durable);
          }
        }
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        try {
          connection.rollback();
        } catch (SQLException ignored) {
          // the connection is broken; the pool discards it and the transaction is gone
        }
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    });
  }
}
