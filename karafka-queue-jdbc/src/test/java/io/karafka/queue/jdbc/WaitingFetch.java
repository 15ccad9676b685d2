package io.karafka.queue.jdbc;

import io.karafka.job.Lease;
import io.karafka.testkit.LocalPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A fetch that waits, on a thread of its own, so a test can tell when it has looked at the table
 * and now waits ({@link #parked()}) instead of guessing with a sleep.
 */
final class WaitingFetch {
  private final FutureTask<List<Lease>> task;
  private final Thread thread;

  private WaitingFetch(FutureTask<List<Lease>> task) {
    this.task = task;
    this.thread = Thread.ofPlatform().daemon().name("waiting-fetch").start(task);
  }

  static WaitingFetch start(JdbcJobStore store, List<String> queues, int max, Duration wait) {
    return new WaitingFetch(new FutureTask<>(() -> store.fetch(queues, max, wait)));
  }

  /**
   * @return whether the fetch found nothing and now sleeps in {@link Notifications#await} until a
   *     signal or its poll interval (a fetch still connecting or querying is not parked)
   */
  boolean parked() {
    return parked(thread);
  }

  /** @return whether a fetch on that thread sleeps in {@link Notifications#await} */
  static boolean parked(Thread fetching) {
    Thread.State state = fetching.getState();
    return (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING)
        && Arrays.stream(fetching.getStackTrace()).anyMatch(frame -> frame.getClassName()
            .equals(Notifications.class.getName()) && frame.getMethodName().equals("await"));
  }

  List<Lease> get(Duration limit)
      throws InterruptedException, ExecutionException, TimeoutException {
    return task.get(limit.toNanos(), TimeUnit.NANOSECONDS);
  }

  void interrupt() {
    thread.interrupt();
  }

  /**
   * @return whether the server has a session in LISTEN on the channel of the tables with this
   *     prefix (false while the server cannot be reached)
   */
  static boolean listening(LocalPostgres pg, String prefix) {
    try (Connection c = Db.connect(pg); PreparedStatement s = c.prepareStatement(
        "SELECT count(*) FROM pg_stat_activity WHERE query = ?")) {
      s.setString(1, "LISTEN " + prefix + "jobs");
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() && rs.getLong(1) > 0;
      }
    } catch (SQLException down) {
      return false;
    }
  }
}
