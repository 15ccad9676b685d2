package io.karafka.examples.wiring;

import io.karafka.app.KarafkaApp;
import io.karafka.job.Job;
import io.karafka.job.JobId;
import io.karafka.job.Worker;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import io.karafka.kafka.KafkaMessageSource;
import io.karafka.kafka.KafkaProducerPool;
import io.karafka.queue.jdbc.JdbcJobStore;
import io.karafka.queue.jdbc.JdbcSettings;
import io.karafka.server.KarafkaServer;
import io.karafka.worker.KarafkaWorker;

/** Background mode on PostgreSQL: the server enqueues, worker processes perform. */
public final class JdbcWiring {
  private JdbcWiring() {}

  /** @return the job store of the app, on the database named by DATABASE_URL */
  public static JdbcJobStore store(KarafkaApp app) {
    JdbcSettings settings = JdbcSettings.builder()
        .jdbcUrl(System.getenv().getOrDefault("DATABASE_URL",
            "jdbc:postgresql://127.0.0.1:5432/app"))
        .username(System.getenv().getOrDefault("DATABASE_USER", "app"))
        .password(System.getenv("DATABASE_PASSWORD"))
        .jobs(app.config().jobs())   // dead-set caps of the app
        .build();
    // a lost LISTEN connection and its return are told to the app's monitor
    return new JdbcJobStore(settings, app.config().clock(), app.dependencies());
  }

  /** The consumer process: controllers' callbacks run here, perform is enqueued to PostgreSQL. */
  public static KarafkaServer server(KarafkaApp app, JdbcJobStore store,
                                     KafkaProducerPool producer) {
    return KarafkaServer.builder(app)
        .source(new KafkaMessageSource(app))
        .producer(producer)
        .jobQueue(store)
        .build();
  }

  /** A worker process: performs jobs, retries them with the retry policy, then dead. */
  public static KarafkaWorker worker(KarafkaApp app, JdbcJobStore store,
                                     KafkaProducerPool producer) {
    return KarafkaWorker.builder(app, store, producer).build();
  }

  /**
   * Transactional enqueue: the order row and its invoice job commit together, or neither does.
   *
   * @param insertOrder writes the business data on the same connection
   */
  public static void placeOrder(DataSource dataSource, JdbcJobStore store, long orderId,
                                String payload, SqlWork insertOrder) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        insertOrder.run(c);                                      // the business data
        store.enqueue(c, List.of(Job.create(JobId.of("orders", "orders_created", 0, orderId),
            Worker.named("InvoiceWorker"), "orders_created", payload, java.time.Instant.now())));
        c.commit();                                              // both, or neither
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** Statements run on the application's connection, inside its transaction. */
  @FunctionalInterface
  public interface SqlWork {
    /** @param connection the open transaction */
    void run(Connection connection) throws SQLException;
  }
}
