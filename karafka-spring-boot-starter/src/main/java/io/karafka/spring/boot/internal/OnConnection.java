package io.karafka.spring.boot.internal;

import io.karafka.job.Job;
import io.karafka.job.JobQueue;
import io.karafka.queue.jdbc.JdbcJobStore;
import java.sql.Connection;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Inserts jobs on the connection of the Spring transaction bound to the store's database. */
final class OnConnection {
  private OnConnection() {}

  /**
   * @return false when the queue is not the JDBC store, or no transaction holds a connection of
   *     that {@code DataSource}
   */
  static boolean enqueue(JobQueue queue, DataSource dataSource, List<Job> jobs) {
    if (!(queue instanceof JdbcJobStore store) || dataSource == null
        || !TransactionSynchronizationManager.hasResource(dataSource)) {
      return false;
    }
    Connection connection = DataSourceUtils.getConnection(dataSource);
    try {
      store.enqueue(connection, jobs);
    } finally {
      DataSourceUtils.releaseConnection(connection, dataSource);
    }
    return true;
  }
}
