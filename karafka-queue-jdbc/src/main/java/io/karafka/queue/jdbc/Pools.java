package io.karafka.queue.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.karafka.app.ConfigProblem;
import io.karafka.app.ConfigurationException;
import io.karafka.job.JobStoreUnavailableException;
import java.util.List;
import java.util.Objects;

/** The HikariCP pool a {@link JdbcJobStore} opens for itself. */
final class Pools {
  private Pools() {}

  /** @return a pool on the settings' URL, one connection checked */
  static HikariDataSource open(JdbcSettings settings) {
    Objects.requireNonNull(settings, "settings");
    String url = settings.jdbcUrl().orElseThrow(() -> new ConfigurationException(List.of(
        new ConfigProblem("jdbc.jdbcUrl", null, "must be set when the store opens its own pool",
            "set e.g. .jdbcUrl(\"jdbc:postgresql://localhost:5432/app\"), or pass a DataSource"))));
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    settings.username().ifPresent(config::setUsername);
    settings.password().ifPresent(config::setPassword);
    config.setMaximumPoolSize(settings.poolSize() + (settings.listen() ? 1 : 0));
    config.setMinimumIdle(1);
    config.setConnectionTimeout(settings.connectionTimeout().toMillis());
    config.setInitializationFailTimeout(settings.connectionTimeout().toMillis());
    config.setPoolName("karafka-jdbc-" + settings.tablePrefix());
    config.addDataSourceProperty("ApplicationName", "karafka-jdbc");
    if (settings.asyncLeaseCommits()) {
      // enqueue sets it back to the server's default for its own transaction
      config.setConnectionInitSql("SET synchronous_commit TO off");
    }
    try {
      return new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new JobStoreUnavailableException("PostgreSQL job store at " + settings.maskedUrl()
          + ": connecting failed: " + messages(e), e);
    }
  }

  /** The message of an error and of its first cause that says something else. */
  static String messages(Throwable e) {
    String message = String.valueOf(e.getMessage());
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      String more = cause.getMessage();
      if (more != null && !message.contains(more)) {
        return message + " (" + more + ")";
      }
    }
    return message;
  }
}
