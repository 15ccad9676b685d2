package io.karafka.spring.boot.internal;

import io.karafka.job.Job;
import io.karafka.job.JobQueue;
import io.karafka.monitor.Event;
import io.karafka.monitor.Monitor;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Hands application jobs to the queue: inside a Spring transaction on its connection (JDBC
 * store) or after its commit, else at once. Spring's transaction classes are touched only when
 * spring-tx is on the class path.
 */
public final class Handoff {
  private static final boolean SPRING_TX = present(
      "org.springframework.transaction.support.TransactionSynchronizationManager");

  private Handoff() {}

  /**
   * Enqueues, and tells the monitor once the jobs are in the store for good.
   *
   * @param dataSource the application's {@code DataSource}, or a supplier of null
   */
  public static void enqueue(JobQueue queue, Supplier<DataSource> dataSource, List<Job> jobs,
                             Monitor monitor) {
    if (SPRING_TX && InTransaction.enqueue(queue, dataSource, jobs, monitor)) {
      return;
    }
    queue.enqueue(jobs);
    monitor.notice(new Event.JobsEnqueued(jobs));
  }

  static boolean present(String className) {
    try {
      Class.forName(className, false, Handoff.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
