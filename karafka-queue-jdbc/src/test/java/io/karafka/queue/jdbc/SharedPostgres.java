package io.karafka.queue.jdbc;

import io.karafka.testkit.LocalPostgres;

/** The PostgreSQL server shared by every test class of this JVM (no fsync), stopped at exit. */
final class SharedPostgres {
  private static final LocalPostgres INSTANCE = create();

  private SharedPostgres() {}

  static LocalPostgres get() {
    return INSTANCE;
  }

  private static LocalPostgres create() {
    LocalPostgres pg = LocalPostgres.start(false);
    Runtime.getRuntime().addShutdownHook(new Thread(pg::close, "local-postgres-stop"));
    return pg;
  }
}
