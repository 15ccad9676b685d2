package io.karafka.queue.jdbc;

import io.karafka.app.KarafkaApp;
import io.karafka.job.JobStore;
import io.karafka.testkit.LocalPostgres;
import io.karafka.testkit.StoreOutageContract;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The outage drill on a private PostgreSQL server restarted twice. */
class JdbcOutageIT extends StoreOutageContract {
  private LocalPostgres pg;
  private String prefix;

  @BeforeEach
  void startPostgres() {
    pg = LocalPostgres.start(false);
    prefix = TestPrefixes.next();
  }

  @AfterEach
  void stopPostgres() {
    pg.close();
  }

  @Override
  protected JobStore createStore(KarafkaApp app) {
    return new JdbcJobStore(Db.settings(pg, prefix).build(), Clock.systemUTC(), app.dependencies());
  }

  @Override
  protected void stopServer() {
    pg.stopServer();
  }

  @Override
  protected void startServer() {
    pg.startServer();
  }

  @Override
  protected String address() {
    return pg.jdbcUrl();
  }

  /** Its LISTEN connection is lost and comes back with the server. */
  @Override
  protected List<String> moreDependencies() {
    return List.of("PostgreSQL LISTEN " + prefix + "jobs");
  }
}
