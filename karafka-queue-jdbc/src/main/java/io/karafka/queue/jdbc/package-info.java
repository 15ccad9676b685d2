/**
 * A job store in PostgreSQL, through HikariCP: {@link io.karafka.queue.jdbc.JdbcJobStore} with
 * {@link io.karafka.queue.jdbc.JdbcSettings}, and {@link io.karafka.queue.jdbc.JdbcSchema} for
 * teams that run migrations themselves.
 */
package io.karafka.queue.jdbc;
