/**
 * Karafka for Java, PostgreSQL job store: {@link io.karafka.queue.jdbc.JdbcJobStore} on a
 * HikariCP pool, its settings and its schema.
 */
module io.karafka.queue.jdbc {
  requires transitive io.karafka.core;
  requires transitive java.sql;
  requires com.zaxxer.hikari;
  requires org.postgresql.jdbc;

  exports io.karafka.queue.jdbc;
}
