package io.karafka.spring.boot.internal;

import io.karafka.app.KarafkaApp;
import io.karafka.job.JobQueue;
import io.karafka.queue.jdbc.JdbcJobStore;
import io.karafka.queue.jdbc.JdbcSettings;
import io.karafka.spring.boot.KarafkaProperties;
import java.util.function.Consumer;
import javax.sql.DataSource;

/** Builds the PostgreSQL job store on the application's {@code DataSource}. */
final class JdbcStores {
  private JdbcStores() {}

  /** @return a {@link JdbcJobStore} whose tables exist (created or migrated now) */
  static JobQueue create(KarafkaApp app, KarafkaProperties.Jdbc jdbc, DataSource dataSource,
                         String databaseUrl) {
    JdbcSettings.Builder settings = JdbcSettings.builder().jobs(app.config().jobs());
    set(databaseUrl, settings::jdbcUrl);
    set(jdbc.tablePrefix(), settings::tablePrefix);
    set(jdbc.connectionTimeout(), settings::connectionTimeout);
    set(jdbc.leaseTime(), settings::leaseTime);
    set(jdbc.pollInterval(), settings::pollInterval);
    set(jdbc.housekeepingInterval(), settings::housekeepingInterval);
    set(jdbc.retention(), settings::retention);
    set(jdbc.listen(), settings::listen);
    set(jdbc.autoMigrate(), settings::autoMigrate);
    return new JdbcJobStore(dataSource, settings.build(), app.config().clock(),
        app.dependencies());
  }

  private static <T> void set(T value, Consumer<T> setter) {
    if (value != null) {
      setter.accept(value);
    }
  }
}
