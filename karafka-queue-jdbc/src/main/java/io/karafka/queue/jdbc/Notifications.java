package io.karafka.queue.jdbc;

import io.karafka.monitor.Dependency;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Wakes waiting fetches of one store. A counter goes up whenever jobs may have arrived: on a
 * NOTIFY from any process (a listener thread holds one connection in LISTEN and reads
 * notifications with {@link PGConnection#getNotifications(int)}), or when this store enqueued or
 * released jobs itself. Waiters remember the counter, look at the table, and sleep until it moves
 * or their poll interval ends, so no wake-up is lost between looking and sleeping. One waiter is
 * woken per signal; a waiter that got a full batch signals the next one, so a single job does not
 * send every idle thread to the database. When LISTEN is off or its connection is lost, waiters
 * simply poll. Losing the connection and getting it back are told once each through its
 * {@link Dependency} state. Thread-safe.
 */
final class Notifications implements AutoCloseable {
  private static final int READ_MILLIS = 250;

  private final DataSource dataSource;
  private final String channel;
  private final boolean listen;
  private final Duration retryInterval;
  private final Dependency state;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition moved = lock.newCondition();
  private final Object startGuard = new Object();
  private long generation;
  private Thread thread;
  private volatile Connection connection;
  private volatile boolean closed;

  Notifications(DataSource dataSource, String channel, boolean listen, Duration retryInterval,
                Dependency state) {
    this.dataSource = dataSource;
    this.channel = channel;
    this.listen = listen;
    this.retryInterval = retryInterval;
    this.state = state;
  }

  /**
   * @return the notifications of a store: reconnects within a second (sooner with a shorter
   *     poll interval), its connection's state told as dependency {@code PostgreSQL LISTEN
   *     <channel>}
   */
  static Notifications of(DataSource dataSource, String channel, JdbcSettings settings,
                          io.karafka.monitor.Dependencies dependencies, String description) {
    Duration reconnect = settings.pollInterval().compareTo(Duration.ofSeconds(1)) < 0
        ? settings.pollInterval() : Duration.ofSeconds(1);
    return new Notifications(dataSource, channel, settings.listen(), reconnect,
        dependencies.track("PostgreSQL LISTEN " + channel, description, "waiting fetches look"
            + " for jobs every jobs.pollInterval (" + settings.pollInterval().toMillis() + " ms)"
            + " instead of waking on NOTIFY"));
  }

  /** Starts listening, once; returns when LISTEN is in place (or failed, to be retried). */
  void start() {
    if (!listen) {
      return;
    }
    synchronized (startGuard) {
      if (thread != null || closed) {
        return;
      }
      tryConnect();
      thread = Thread.ofPlatform().daemon().name("karafka-jdbc-listen-" + channel)
          .start(this::loop);
    }
  }

  long generation() {
    lock.lock();
    try {
      return generation;
    } finally {
      lock.unlock();
    }
  }

  /** Jobs may have arrived: wakes one waiter. */
  void signal() {
    lock.lock();
    try {
      generation++;
      moved.signal();
    } finally {
      lock.unlock();
    }
  }

  /** Sleeps until the counter moves past {@code seen} or the time is up. */
  void await(long seen, long nanos) throws InterruptedException {
    lock.lockInterruptibly();
    try {
      long left = nanos;
      while (generation == seen && left > 0 && !closed) {
        left = moved.awaitNanos(left);
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    Thread running;
    synchronized (startGuard) {
      closed = true;
      running = thread;
    }
    lock.lock();
    try {
      moved.signalAll();
    } finally {
      lock.unlock();
    }
    if (running != null) {
      running.interrupt();
      try {
        running.join(Duration.ofMillis(READ_MILLIS * 4L));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    disconnect();
  }

  private void loop() {
    while (!closed) {
      try {
        if (connection == null && !tryConnect()) {
          Thread.sleep(retryInterval);
          continue;
        }
        PGNotification[] received = connection.unwrap(PGConnection.class)
            .getNotifications(READ_MILLIS);
        if (received != null && received.length > 0) {
          signal();
        }
      } catch (SQLException e) {
        if (!closed) {
          state.failed(e);
        }
        disconnect();
        signal();
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private boolean tryConnect() {
    Connection opened = null;
    try {
      opened = dataSource.getConnection();
      opened.setAutoCommit(true);
      try (Statement statement = opened.createStatement()) {
        statement.execute("LISTEN " + channel);
      }
      connection = opened;
      state.succeeded();
      // jobs enqueued while nobody listened: let waiters look
      signal();
      return true;
    } catch (SQLException | RuntimeException e) {
      if (opened != null) {
        try {
          opened.close();
        } catch (SQLException ignored) {
          // already broken
        }
      }
      if (!closed) {
        state.failed(e);
      }
      return false;
    }
  }

  private void disconnect() {
    Connection open = connection;
    connection = null;
    if (open != null) {
      try (Statement statement = open.createStatement()) {
        statement.execute("UNLISTEN *");
      } catch (SQLException | RuntimeException ignored) {
        // the pool discards a broken connection
      }
      try {
        open.close();
      } catch (SQLException ignored) {
        // already broken
      }
    }
  }
}
