package io.karafka.spring.boot.internal;

import io.karafka.app.ConfigProblem;
import io.karafka.app.ConfigurationException;
import io.karafka.app.KarafkaApp;
import io.karafka.job.JobQueue;
import io.karafka.producer.Producer;
import io.karafka.queue.inline.InlineJobQueue;
import io.karafka.routing.Route;
import io.karafka.spring.boot.KarafkaProperties;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Chooses and creates the app's job queue from {@code karafka.store} and what is on the class
 * path: PostgreSQL on the application's {@code DataSource}, Redis, or the inline queue. The
 * store classes are touched only once chosen, so an app without karafka-queue-jdbc or
 * karafka-queue-redis never loads them.
 */
public final class JobQueues {
  private static final String JDBC = "io.karafka.queue.jdbc.JdbcJobStore";
  private static final String REDIS = "io.karafka.queue.redis.RedisJobStore";
  private static final String SPRING_JDBC = "org.springframework.jdbc.datasource.DataSourceUtils";

  private JobQueues() {}

  /**
   * @param dataSource the application's single {@code DataSource}, or null when it has none
   * @param databaseUrl {@code spring.datasource.url}, to name the database in messages; may be
   *     null
   * @return the job queue: a {@code JdbcJobStore}, a {@code RedisJobStore} or an
   *     {@link InlineJobQueue}
   * @throws ConfigurationException when background routes have no store, or the chosen store
   *     cannot be built (its module or the {@code DataSource} is missing, a bad setting)
   */
  public static JobQueue create(KarafkaApp app, KarafkaProperties properties,
                                Producer producer, Supplier<DataSource> dataSource,
                                String databaseUrl) {
    String store = properties.store();
    String redisUrl = properties.redis().url();
    if (store == null || store.isBlank()) {
      if (redisUrl != null) {
        return redis(app, properties);
      }
      List<String> background = app.routes().stream().filter(r -> !r.inlineMode())
          .map(Route::topic).toList();
      if (!background.isEmpty()) {
        throw problem("store", null, "routes " + background + " perform in the background"
            + " (inline-mode false) and no job store is configured", "set karafka.store: jdbc"
            + " (PostgreSQL on the application's DataSource; add karafka-queue-jdbc and"
            + " spring-boot-starter-jdbc) or karafka.redis.url (add karafka-queue-redis); or"
            + " perform them in the consumer: karafka.inline-mode: true, or .inlineMode(true) on"
            + " those routes");
      }
      return new InlineJobQueue(app, producer);
    }
    return switch (store.trim().toLowerCase(Locale.ROOT)) {
      case "jdbc" -> jdbc(app, properties, dataSource, databaseUrl);
      case "redis" -> {
        if (redisUrl == null) {
          throw problem("redis.url", null, "is required with karafka.store: redis",
              "set e.g. karafka.redis.url: redis://127.0.0.1:6379/0");
        }
        yield redis(app, properties);
      }
      case "inline" -> new InlineJobQueue(app, producer);
      default -> throw problem("store", store, "must be jdbc, redis or inline", "set e.g."
          + " karafka.store: jdbc, or leave it out (then Redis when karafka.redis.url is set)");
    };
  }

  private static JobQueue jdbc(KarafkaApp app, KarafkaProperties properties,
                               Supplier<DataSource> dataSource, String databaseUrl) {
    if (!present(JDBC) || !present(SPRING_JDBC)) {
      throw problem("store", "jdbc", "needs karafka-queue-jdbc and spring-jdbc on the class"
          + " path", "add the dependencies io.karafka:karafka-queue-jdbc and"
          + " org.springframework.boot:spring-boot-starter-jdbc");
    }
    DataSource db = dataSource.get();
    if (db == null) {
      throw problem("store", "jdbc", "needs the application's DataSource, and the context has"
          + " none (or more than one)", "add spring-boot-starter-jdbc and set"
          + " spring.datasource.url to the PostgreSQL database, or mark one DataSource"
          + " @Primary");
    }
    return JdbcStores.create(app, properties.jdbc(), db, databaseUrl);
  }

  private static JobQueue redis(KarafkaApp app, KarafkaProperties properties) {
    if (!present(REDIS)) {
      throw problem("store", "redis", "needs karafka-queue-redis on the class path", "add the"
          + " dependency io.karafka:karafka-queue-redis, or leave karafka.redis.url out");
    }
    return RedisStores.create(app, properties.redis());
  }

  private static boolean present(String className) {
    try {
      Class.forName(className, false, JobQueues.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  private static ConfigurationException problem(String key, Object value, String rule,
                                                String fix) {
    return new ConfigurationException(List.of(new ConfigProblem(key, value, rule, fix)));
  }
}
