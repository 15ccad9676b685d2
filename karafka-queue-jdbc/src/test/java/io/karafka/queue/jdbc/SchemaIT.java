package io.karafka.queue.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.app.ConfigurationException;
import io.karafka.job.Job;
import io.karafka.job.Worker;
import io.karafka.testkit.LocalPostgres;
import io.karafka.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SchemaIT {
  private final LocalPostgres pg = SharedPostgres.get();
  private final MutableClock clock = MutableClock.now();

  @Test
  void startingTwiceMigratesOnce() throws Exception {
    String prefix = TestPrefixes.next();
    new JdbcJobStore(Db.settings(pg, prefix).build(), clock).close();
    try (JdbcJobStore store = new JdbcJobStore(Db.settings(pg, prefix).build(), clock)) {
      store.enqueue(List.of(job("a")));
      assertEquals(1, store.stats().totalQueued());
    }
    assertEquals(JdbcSchema.VERSION, Db.number(pg, "SELECT count(*) FROM " + prefix
        + "schema_version"));
    assertEquals(JdbcSchema.VERSION, Db.number(pg, "SELECT max(version) FROM " + prefix
        + "schema_version"));
  }

  @Test
  void storesStartingAtOnceDoNotRace() throws Exception {
    String prefix = TestPrefixes.next();
    int stores = 6;
    CyclicBarrier start = new CyclicBarrier(stores);
    ExecutorService pool = Executors.newFixedThreadPool(stores);
    List<JdbcJobStore> opened = new ArrayList<>();
    try {
      List<Future<JdbcJobStore>> futures = new ArrayList<>();
      for (int i = 0; i < stores; i++) {
        futures.add(pool.submit(() -> {
          start.await();
          return new JdbcJobStore(Db.settings(pg, prefix).poolSize(1).build(), clock);
        }));
      }
      for (Future<JdbcJobStore> future : futures) {
        opened.add(future.get(30, TimeUnit.SECONDS));
      }
      opened.getFirst().enqueue(List.of(job("a")));
      assertEquals(1, opened.getLast().stats().totalQueued());
    } finally {
      opened.forEach(JdbcJobStore::close);
      pool.shutdownNow();
    }
    assertEquals(JdbcSchema.VERSION, Db.number(pg, "SELECT count(*) FROM " + prefix
        + "schema_version"));
  }

  @Test
  void thePrintedScriptIsTheSchemaAndCanRunTwice() throws Exception {
    String prefix = TestPrefixes.next();
    String script = JdbcSchema.sql(prefix);
    assertTrue(script.startsWith("-- Karafka for Java: PostgreSQL job store, table prefix "
        + prefix + ", schema version 5\nBEGIN;\n"), script);
    assertTrue(script.contains("CREATE TABLE IF NOT EXISTS " + prefix + "jobs ("), script);
    assertTrue(script.contains("CREATE TABLE IF NOT EXISTS " + prefix + "offsets ("), script);
    assertTrue(script.contains("CREATE TABLE IF NOT EXISTS " + prefix + "processes ("), script);
    assertTrue(script.endsWith("COMMIT;\n"), script);
    Db.execute(pg, script);
    Db.execute(pg, script);
    assertEquals(5, Db.number(pg, "SELECT count(*) FROM " + prefix + "schema_version"));
    try (JdbcJobStore store = new JdbcJobStore(Db.settings(pg, prefix).autoMigrate(false).build(),
        clock)) {
      store.enqueue(List.of(job("a")));
      assertEquals(1, store.fetch(List.of("default"), 5, Duration.ZERO).size());
    }
  }

  @Test
  void withoutAutoMigrateMissingTablesAreAConfigurationError() {
    String prefix = TestPrefixes.next();
    ConfigurationException e = assertThrows(ConfigurationException.class, () ->
        new JdbcJobStore(Db.settings(pg, prefix).autoMigrate(false).build(), clock));
    assertEquals("Invalid Karafka configuration: jdbc.autoMigrate = false: the tables of prefix "
        + prefix + " are at schema version 0, this library needs 5. Fix: run the SQL of"
        + " JdbcSchema.sql(\"" + prefix + "\") or set .autoMigrate(true)", e.getMessage());
  }

  @Test
  void aVersion1SchemaIsMigratedToTheWatermarkTable() throws Exception {
    String prefix = TestPrefixes.next();
    Db.execute(pg, JdbcSchema.sql(prefix));
    Db.execute(pg, "DROP TABLE " + prefix + "offsets, " + prefix + "processes; ALTER TABLE "
        + prefix + "jobs DROP COLUMN lease_owner, DROP COLUMN traceparent, DROP COLUMN"
        + " tracestate; DELETE FROM " + prefix + "schema_version WHERE version >= 2");
    ConfigurationException e = assertThrows(ConfigurationException.class, () ->
        new JdbcJobStore(Db.settings(pg, prefix).autoMigrate(false).build(), clock));
    assertTrue(e.getMessage().contains("are at schema version 1, this library needs 5"),
        e.getMessage());
    try (JdbcJobStore store = new JdbcJobStore(Db.settings(pg, prefix).build(), clock)) {
      assertEquals(List.of(), store.enqueue(new io.karafka.job.ConsumedJobs("g", "t", 0, "id",
          List.of(job("a")), List.of(7L))));
    }
    assertEquals(1, Db.number(pg, "SELECT count(*) FROM " + prefix + "offsets"));
    assertEquals(5, Db.number(pg, "SELECT max(version) FROM " + prefix + "schema_version"));
  }

  @Test
  void aJobsTableDroppedByHandIsCreatedAgainOrNamedAtBoot() throws Exception {
    String prefix = TestPrefixes.next();
    new JdbcJobStore(Db.settings(pg, prefix).build(), clock).close();
    Db.execute(pg, "DROP TABLE " + prefix + "jobs");

    ConfigurationException e = assertThrows(ConfigurationException.class, () ->
        new JdbcJobStore(Db.settings(pg, prefix).autoMigrate(false).build(), clock));
    assertEquals("Invalid Karafka configuration: jdbc.autoMigrate = false: schema version 5 is"
        + " recorded for prefix " + prefix + ", but [" + prefix + "jobs] do not exist (dropped"
        + " by hand?). Fix: run the SQL of JdbcSchema.sql(\"" + prefix + "\") (it creates only"
        + " what is missing) or set .autoMigrate(true)", e.getMessage());
    try (JdbcJobStore store = new JdbcJobStore(Db.settings(pg, prefix).build(), clock)) {
      store.enqueue(List.of(job("after")));
      assertEquals(1, store.fetch(List.of("default"), 5, Duration.ZERO).size(),
          "the table is back: enqueue and fetch work");
    }
  }

  @Test
  void aStoreCanUseTheApplicationsDataSource() throws Exception {
    String prefix = TestPrefixes.next();
    org.postgresql.ds.PGSimpleDataSource dataSource = new org.postgresql.ds.PGSimpleDataSource();
    dataSource.setUrl(pg.jdbcUrl());
    dataSource.setUser(LocalPostgres.USER);
    dataSource.setPassword(LocalPostgres.PASSWORD);
    try (JdbcJobStore store = new JdbcJobStore(dataSource, JdbcSettings.builder()
        .tablePrefix(prefix).pollInterval(Duration.ofMillis(50)).build(), clock)) {
      assertEquals("JdbcJobStore[(DataSource), prefix " + prefix + "]", store.toString());
      store.enqueue(List.of(job("a")));
      assertEquals(1, store.fetch(List.of("default"), 5, Duration.ofMillis(100)).size());
    }
  }

  private Job job(String id) {
    return Job.create(id, Worker.named("W"), "jobs", "[]", clock.instant());
  }
}
