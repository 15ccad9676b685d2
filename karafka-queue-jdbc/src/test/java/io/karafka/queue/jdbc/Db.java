package io.karafka.queue.jdbc;

import io.karafka.testkit.LocalPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/** Plain JDBC on a test server, to look at the tables behind the store's back. */
final class Db {
  private Db() {}

  /** @return settings on this server, with the given table prefix and fast test timings */
  static JdbcSettings.Builder settings(LocalPostgres pg, String prefix) {
    return JdbcSettings.builder().jdbcUrl(pg.jdbcUrl()).username(LocalPostgres.USER)
        .password(LocalPostgres.PASSWORD).tablePrefix(prefix).poolSize(4)
        .connectionTimeout(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50));
  }

  static Connection connect(LocalPostgres pg) throws SQLException {
    return DriverManager.getConnection(pg.jdbcUrl(), LocalPostgres.USER, LocalPostgres.PASSWORD);
  }

  /** @return the first column of the first row, as a long (0 when there is no row) */
  static long number(LocalPostgres pg, String sql) throws SQLException {
    try (Connection c = connect(pg); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  static void execute(LocalPostgres pg, String sql) throws SQLException {
    try (Connection c = connect(pg); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
