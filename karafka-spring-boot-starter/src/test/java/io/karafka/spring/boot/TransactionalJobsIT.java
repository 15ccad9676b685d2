package io.karafka.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.zaxxer.hikari.HikariDataSource;
import io.karafka.job.JobQueue;
import io.karafka.job.Lease;
import io.karafka.queue.jdbc.JdbcJobStore;
import io.karafka.testkit.InMemoryJobStore;
import io.karafka.testkit.LocalPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link KarafkaJobs} inside {@code @Transactional} methods, on a real PostgreSQL: on the JDBC
 * store the job is written on the transaction's connection (there if and only if it commits); on
 * another store it is enqueued after the commit.
 */
class TransactionalJobsIT {
  private static LocalPostgres postgres;

  @BeforeAll
  static void startPostgres() {
    postgres = LocalPostgres.start(false);
  }

  @AfterAll
  static void stopPostgres() {
    postgres.close();
  }

  @Test
  void onTheJdbcStoreARolledBackTransactionLeavesNoJobAndACommittedOneLeavesIt()
      throws Exception {
    String prefix = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "_";
    try (ConfigurableApplicationContext context = Boot.run(WithJdbc.class, "karafka.name=shop",
        "karafka.kafka.hosts=127.0.0.1:9092", "karafka.store=jdbc",
        "karafka.jdbc.table-prefix=" + prefix, "karafka.server.enabled=false",
        "karafka.worker.enabled=false", "postgres.url=" + postgres.jdbcUrl())) {
      Orders orders = context.getBean(Orders.class);
      JdbcTemplate sql = new JdbcTemplate(context.getBean(DataSource.class));
      sql.execute("CREATE TABLE " + prefix + "orders (id int PRIMARY KEY)");
      Probe probe = context.getBean(Probe.class);
      probe.prefix = prefix;

      assertThrows(IllegalStateException.class, () -> orders.place(1, true));
      assertEquals(0, count(sql, prefix + "orders"));
      assertEquals(0, count(sql, prefix + "jobs"), "rolled back: no job");

      orders.place(2, false);
      assertEquals(0L, probe.jobsSeenFromOutside, "not visible before the commit");
      assertEquals(1, count(sql, prefix + "orders"));
      assertEquals(1, count(sql, prefix + "jobs"), "committed: its job");
      JdbcJobStore store = assertInstanceOf(JdbcJobStore.class,
          context.getBean(JobQueue.class));
      List<Lease> leases = store.fetch(List.of("default"), 5, Duration.ZERO);
      assertEquals(List.of("orders"), leases.stream().map(l -> l.job().topic()).toList());
      assertEquals(probe.lastId, leases.getFirst().job().id());
    }
  }

  @Test
  void onAnotherStoreTheJobIsEnqueuedAfterTheCommitAndNotAfterARollback() {
    String prefix = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "_";
    try (ConfigurableApplicationContext context = Boot.run(WithInMemoryStore.class,
        "karafka.name=shop", "karafka.kafka.hosts=127.0.0.1:9092",
        "karafka.server.enabled=false", "karafka.worker.enabled=false",
        "postgres.url=" + postgres.jdbcUrl())) {
      Orders orders = context.getBean(Orders.class);
      JdbcTemplate sql = new JdbcTemplate(context.getBean(DataSource.class));
      sql.execute("CREATE TABLE " + prefix + "orders (id int PRIMARY KEY)");
      Probe probe = context.getBean(Probe.class);
      probe.prefix = prefix;
      InMemoryJobStore store = context.getBean(InMemoryJobStore.class);
      probe.queued = () -> store.queued("default").size();

      assertThrows(IllegalStateException.class, () -> orders.place(1, true));
      assertEquals(0, store.queued("default").size(), "rolled back: nothing enqueued");
      orders.place(2, false);
      assertEquals(0L, probe.queuedInside, "not before the commit");
      assertEquals(1, store.queued("default").size(), "enqueued after the commit");
    }
  }

  private static long count(JdbcTemplate sql, String table) {
    return sql.queryForObject("SELECT count(*) FROM " + table, Long.class);
  }

  /** What the service saw inside its transaction. */
  static final class Probe {
    volatile String prefix;
    volatile String lastId;
    volatile long jobsSeenFromOutside = -1;
    volatile IntSupplier queued = () -> -1;
    volatile long queuedInside = -1;
  }

  /** Places orders: the row and its job in one transaction. */
  public static class Orders {
    private final DataSource dataSource;
    private final KarafkaJobs jobs;
    private final Probe probe;

    /** @param dataSource the application's database */
    public Orders(DataSource dataSource, KarafkaJobs jobs, Probe probe) {
      this.dataSource = dataSource;
      this.jobs = jobs;
      this.probe = probe;
    }

    /** Inserts the order and enqueues its job; fails after both when asked to. */
    @Transactional
    public void place(int id, boolean fail) {
      new JdbcTemplate(dataSource).update("INSERT INTO " + probe.prefix
          + "orders (id) VALUES (?)", id);
      probe.lastId = jobs.enqueue("orders", Map.of("id", id));
      try (Connection other = dataSource.getConnection(); Statement s = other.createStatement();
           ResultSet rows = s.executeQuery("SELECT count(*) FROM " + probe.prefix + "jobs")) {
        probe.jobsSeenFromOutside = rows.next() ? rows.getLong(1) : -1;
      } catch (SQLException noJobTable) {
        probe.jobsSeenFromOutside = -2; // the in-memory store has no table
      }
      probe.queuedInside = probe.queued.getAsInt();
      if (fail) {
        throw new IllegalStateException("payment refused");
      }
    }
  }

  /** A background route, PostgreSQL, a transaction manager and the service. */
  @Configuration(proxyBeanMethods = false)
  @EnableTransactionManagement
  @Import(TestApps.Base.class)
  static class WithJdbc {
    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(org.springframework.core.env.Environment environment) {
      HikariDataSource dataSource = new HikariDataSource();
      dataSource.setJdbcUrl(environment.getRequiredProperty("postgres.url"));
      dataSource.setUsername(LocalPostgres.USER);
      dataSource.setPassword(LocalPostgres.PASSWORD);
      return dataSource;
    }

    @Bean
    PlatformTransactionManager transactionManager(DataSource dataSource) {
      return new DataSourceTransactionManager(dataSource);
    }

    @Bean
    Probe probe() {
      return new Probe();
    }

    @Bean
    Orders orders(DataSource dataSource, KarafkaJobs jobs, Probe probe) {
      return new Orders(dataSource, jobs, probe);
    }

    @Bean
    KarafkaRoutes routes() {
      return r -> r.topic("orders").controller(TestApps.PingController.class);
    }
  }

  /** The same, with the application's own job store: an in-memory one. */
  @Configuration(proxyBeanMethods = false)
  @Import(WithJdbc.class)
  static class WithInMemoryStore {
    @Bean
    InMemoryJobStore jobStore() {
      return new InMemoryJobStore(Clock.systemUTC());
    }
  }
}
