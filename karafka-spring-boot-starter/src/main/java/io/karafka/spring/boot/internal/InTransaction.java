package io.karafka.spring.boot.internal;

import io.karafka.job.Job;
import io.karafka.job.JobQueue;
import io.karafka.monitor.Event;
import io.karafka.monitor.Monitor;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Ties application jobs to the current Spring transaction. */
final class InTransaction {
  private static final boolean JDBC_STORE = Handoff.present("io.karafka.queue.jdbc.JdbcJobStore")
      && Handoff.present("org.springframework.jdbc.datasource.DataSourceUtils");

  private InTransaction() {}

  /** @return false when no transaction is active: the caller enqueues at once */
  static boolean enqueue(JobQueue queue, Supplier<DataSource> dataSource, List<Job> jobs,
                         Monitor monitor) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return false;
    }
    Runnable told = () -> monitor.notice(new Event.JobsEnqueued(jobs));
    if (JDBC_STORE && OnConnection.enqueue(queue, dataSource.get(), jobs)) {
      // in the transaction's own statements: the jobs exist if and only if it commits
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          told.run();
        }
      });
      return true;
    }
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        queue.enqueue(jobs);
        told.run();
      }
    });
    return true;
  }
}
