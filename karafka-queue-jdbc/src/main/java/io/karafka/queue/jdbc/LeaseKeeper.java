package io.karafka.queue.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Renews the leases of the jobs this store's workers hold, every third of the lease time, so a
 * job may run longer than its lease while its process lives, and a killed process's jobs come
 * back one lease time after its last renewal; each renewal is also the process's heartbeat in
 * the process list ({@link JdbcProcesses}), which it leaves when the store closes. A renewal
 * that fails (the database is down) is told to the store, which then waits a lease time before
 * it gives anyone's leases back.
 * Thread-safe; its thread starts with the first fetch and stops with the store.
 */
final class LeaseKeeper implements AutoCloseable {
  private final DataSource dataSource;
  private final JobTable table;
  private final JdbcProcesses processes;
  private final Duration interval;
  private final Runnable failed;
  private ScheduledExecutorService timer;
  private boolean closed;

  LeaseKeeper(DataSource dataSource, JobTable table, JdbcProcesses processes, Runnable failed) {
    this.dataSource = dataSource;
    this.table = table;
    this.processes = processes;
    Duration third = processes.ttl().dividedBy(3);
    this.interval = third.compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : third;
    this.failed = failed;
  }

  /** Starts renewing, once. */
  synchronized void start() {
    if (timer != null || closed) {
      return;
    }
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "karafka-jdbc-leases");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleWithFixedDelay(this::renew, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void renew() {
    try (Connection connection = dataSource.getConnection()) {
      table.renew(connection);
      processes.beat(connection);
    } catch (SQLException | RuntimeException e) {
      failed.run(); // the workers tell the outage; the next renewal tries again
    }
  }

  /** @return a store's name on its leases: host:pid:random */
  static String owner() {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      host = "localhost";
    }
    return host + ":" + ProcessHandle.current().pid() + ":"
        + java.util.UUID.randomUUID().toString().substring(0, 8);
  }

  /** Stops renewing and leaves the process list (best effort: a row left expires anyway). */
  @Override
  public void close() {
    ScheduledExecutorService running;
    synchronized (this) {
      closed = true;
      running = timer;
    }
    if (running == null) {
      return;
    }
    running.shutdownNow();
    try (Connection connection = dataSource.getConnection()) {
      // a beat under way would list the process again after it left
      running.awaitTermination(5, TimeUnit.SECONDS);
      processes.leave(connection);
    } catch (SQLException | RuntimeException e) {
      // the database is down: the row expires after a lease time
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
