package io.karafka.micrometer;

import io.karafka.app.KarafkaApp;
import io.karafka.job.JobStore;
import io.karafka.queue.jdbc.JdbcJobStore;
import io.karafka.queue.jdbc.JdbcSettings;
import io.karafka.testkit.LocalPostgres;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The job meters and store gauges on a real PostgreSQL. */
class JdbcMetricsIT extends StoreMetricsCheck {
  private static LocalPostgres pg;

  @BeforeAll
  static void startPostgres() {
    pg = LocalPostgres.start(false);
  }

  @AfterAll
  static void stopPostgres() {
    pg.close();
  }

  @Override
  JobStore createStore(KarafkaApp app) {
    return new JdbcJobStore(JdbcSettings.builder().jdbcUrl(pg.jdbcUrl())
        .username(LocalPostgres.USER).password(LocalPostgres.PASSWORD).tablePrefix("metrics_")
        .pollInterval(Duration.ofMillis(50)).build(), Clock.systemUTC(), app.dependencies());
  }
}
