package io.karafka.queue.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.job.JobStoreUnavailableException;
import io.karafka.job.Lease;
import io.karafka.testkit.Await;
import io.karafka.testkit.LocalPostgres;
import io.karafka.testkit.MutableClock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Jobs enqueued in the application's own transaction exist if and only if it commits. */
class TransactionalEnqueueIT {
  private static final List<String> QUEUES = List.of("default");
  private final LocalPostgres pg = SharedPostgres.get();
  private final MutableClock clock = MutableClock.now();

  @Test
  void aRolledBackTransactionLeavesNoJob() throws Exception {
    String prefix = TestPrefixes.next();
    try (JdbcJobStore store = new JdbcJobStore(Db.settings(pg, prefix).build(), clock);
         Connection app = Db.connect(pg)) {
      createOrders(prefix);
      app.setAutoCommit(false);
      insertOrder(app, prefix, 1);
      store.enqueue(app, List.of(Jobs.job(clock, "order-1")));
      app.rollback();
      assertEquals(0, store.fetch(QUEUES, 5, Duration.ZERO).size());
      assertEquals(0, Db.number(pg, "SELECT count(*) FROM " + prefix + "orders"));
      assertEquals(0, Db.number(pg, "SELECT count(*) FROM " + prefix + "jobs"));
    }
  }

  @Test
  void aCommittedTransactionHasItsJobAndWakesWaitingWorkersAtCommit() throws Exception {
    String prefix = TestPrefixes.next();
    try (JdbcJobStore store = new JdbcJobStore(Db.settings(pg, prefix).build(), clock);
         JdbcJobStore worker = new JdbcJobStore(Db.settings(pg, prefix)
             .pollInterval(Duration.ofSeconds(30)).build(), clock);
         Connection app = Db.connect(pg)) {
      createOrders(prefix);
      app.setAutoCommit(false);
      insertOrder(app, prefix, 2);
      store.enqueue(app, List.of(Jobs.job(clock, "order-2")));
      assertEquals(0, worker.fetch(QUEUES, 5, Duration.ZERO).size(), "not before commit");
      WaitingFetch waiting = WaitingFetch.start(worker, QUEUES, 5, Duration.ofSeconds(20));
      Await.within(Duration.ofSeconds(20), "the fetch waits, its store in LISTEN",
          () -> waiting.parked() && WaitingFetch.listening(pg, prefix));
      long committed = System.nanoTime();
      app.commit();
      List<Lease> leases = waiting.get(Duration.ofSeconds(20));
      assertEquals(List.of("order-2"), leases.stream().map(l -> l.job().id()).toList());
      assertTrue(System.nanoTime() - committed < TimeUnit.SECONDS.toNanos(5),
          "woken by NOTIFY at commit, not by its 30 s poll");
      assertEquals(1, Db.number(pg, "SELECT count(*) FROM " + prefix + "orders"));
    }
  }

  @Test
  void anAutoCommitConnectionIsRefused() throws Exception {
    try (JdbcJobStore store = new JdbcJobStore(Db.settings(pg, TestPrefixes.next()).build(), clock);
         Connection app = Db.connect(pg)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> store.enqueue(app, List.of(Jobs.job(clock, "x"))));
      assertEquals("enqueue(connection, jobs) needs a connection in a transaction: call"
          + " connection.setAutoCommit(false) first", e.getMessage());
    }
  }

  @Test
  void aFailedStatementIsReportedAndTheCallerRollsBack() throws Exception {
    String prefix = TestPrefixes.next();
    try (JdbcJobStore store = new JdbcJobStore(Db.settings(pg, prefix).build(), clock);
         Connection app = Db.connect(pg)) {
      app.setAutoCommit(false);
      try (var statement = app.createStatement()) {
        statement.execute("SELECT 1/0");
      } catch (java.sql.SQLException expected) {
        // the transaction is now aborted
      }
      JobStoreUnavailableException e = assertThrows(JobStoreUnavailableException.class,
          () -> store.enqueue(app, List.of(Jobs.job(clock, "x"))));
      assertTrue(e.getMessage().startsWith("PostgreSQL job store at " + pg.jdbcUrl()
          + ": enqueueing 1 job(s) in the caller's transaction failed: ERROR: current"
          + " transaction is aborted"), e.getMessage());
      app.rollback();
    }
  }

  private void createOrders(String prefix) throws Exception {
    Db.execute(pg, "CREATE TABLE " + prefix + "orders (id int PRIMARY KEY)");
  }

  private static void insertOrder(Connection app, String prefix, int id) throws Exception {
    try (PreparedStatement insert = app.prepareStatement("INSERT INTO " + prefix
        + "orders (id) VALUES (?)")) {
      insert.setInt(1, id);
      insert.executeUpdate();
    }
  }
}
