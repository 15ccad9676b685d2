package io.karafka.queue.jdbc;

import io.karafka.monitor.Event;
import io.karafka.monitor.Monitor;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * When and how a {@link JdbcJobStore} runs its {@link Housekeeper}: at most every
 * {@code housekeepingInterval}, during fetch and complete; expired leases are given back only
 * once the store has reached the database without a failure for a whole lease time (after an
 * outage, live owners get that long to renew theirs), and each owner's recovered jobs become a
 * {@code JobsRecovered} event. Thread-safe.
 */
final class Upkeep {
  private static final System.Logger LOG = System.getLogger(JdbcJobStore.class.getName());

  private final Housekeeper housekeeper;
  private final JdbcConnections connections;
  private final JdbcSettings settings;
  private final Clock clock;
  private final Monitor monitor;
  private final String description;

  Upkeep(Housekeeper housekeeper, JdbcConnections connections, JdbcSettings settings,
         Clock clock, Monitor monitor, String description) {
    this.housekeeper = housekeeper;
    this.connections = connections;
    this.settings = settings;
    this.clock = clock;
    this.monitor = monitor;
    this.description = description;
  }

  /** Runs it on the connection when it is due. */
  void ifDue(Connection connection) throws SQLException {
    if (housekeeper.due()) {
      run(connection);
    }
  }

  /** Runs it when it is due, after a completion: the jobs are completed whatever happens here. */
  void quietlyIfDue() {
    if (!housekeeper.due()) {
      return;
    }
    try (Connection connection = connections.dataSource().getConnection()) {
      run(connection);
    } catch (SQLException e) {
      connections.failed();
      LOG.log(Level.DEBUG, "PostgreSQL job store at {0}: housekeeping failed: {1}",
          description, e.getMessage());
    }
  }

  /** @return how many expired leases were given back */
  int run(Connection connection) throws SQLException {
    boolean reclaim = Duration.between(connections.lastFailure(), clock.instant())
        .compareTo(settings.leaseTime()) >= 0;
    Map<String, Long> back = housekeeper.run(connection, reclaim);
    back.forEach((owner, count) -> monitor.notice(new Event.JobsRecovered(description,
        "worker process " + owner, count, settings.leaseTime())));
    return (int) back.values().stream().mapToLong(Long::longValue).sum();
  }
}
