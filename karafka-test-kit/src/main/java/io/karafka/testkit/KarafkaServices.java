package io.karafka.testkit;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One JUnit 5 extension that gives a test class a Kafka bootstrap, a Redis URL and a PostgreSQL
 * database: from Testcontainers when the test's class path has it (add
 * {@code org.testcontainers:testcontainers-kafka} and {@code testcontainers-postgresql}) and a
 * Docker engine is reachable, else from the in-JVM Kafka broker ({@link EmbeddedKafka}) and the
 * machine's {@code redis-server} and PostgreSQL binaries ({@link LocalRedis},
 * {@link LocalPostgres}). Each service starts the first time it is asked for and stops after the
 * class.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final KarafkaServices services = KarafkaServices.containersOrLocal();
 *
 * @Test
 * void ordersAreConsumed() {
 *   KarafkaApp app = App.build(services.kafkaBootstrap());
 *   RedisJobStore store = new RedisJobStore(RedisSettings.builder(services.redisUrl()).build(),
 *       app.config().jobs(), Clock.systemUTC());
 *   ...
 * }
 * }</pre>
 */
public final class KarafkaServices implements AfterAllCallback {
  /** Where the services come from. */
  public enum Source {
    /** Testcontainers, on a Docker engine. */
    CONTAINERS,
    /** The in-JVM broker and local {@code redis-server} and PostgreSQL processes. */
    LOCAL
  }

  /** How to reach the PostgreSQL database. */
  public record Database(String jdbcUrl, String user, String password) {}

  /** The running services of one source; each started on first use. */
  interface Services extends AutoCloseable {
    String kafkaBootstrap();

    String redisUrl();

    Database postgres();

    @Override
    void close();
  }

  private final Source source;
  private final String reason;
  private Services services;

  private KarafkaServices(Source source, String reason) {
    this.source = source;
    this.reason = reason;
  }

  /** @return containers when Testcontainers is on the class path and Docker answers, else local */
  public static KarafkaServices containersOrLocal() {
    String missing = ContainerCheck.whyNot();
    return missing == null ? new KarafkaServices(Source.CONTAINERS, "a Docker engine answered")
        : new KarafkaServices(Source.LOCAL, missing);
  }

  /** @return local processes, whatever is installed otherwise */
  public static KarafkaServices local() {
    return new KarafkaServices(Source.LOCAL, "asked for local processes");
  }

  /**
   * @return containers; a test that asks for a service aborts (skipped, with the reason) where
   *     Testcontainers or a Docker engine is missing
   */
  public static KarafkaServices containers() {
    String missing = ContainerCheck.whyNot();
    return new KarafkaServices(Source.CONTAINERS, missing == null ? "a Docker engine answered"
        : missing);
  }

  /** @return where the services come from */
  public Source source() {
    return source;
  }

  /** @return why that source was chosen (e.g. "no Docker engine reachable: ...") */
  public String reason() {
    return reason;
  }

  /** @return {@code host:port} of a Kafka broker */
  public String kafkaBootstrap() {
    return services().kafkaBootstrap();
  }

  /** @return {@code redis://host:port/0} of a Redis server */
  public String redisUrl() {
    return services().redisUrl();
  }

  /** @return a PostgreSQL database and a role that owns it */
  public Database postgres() {
    return services().postgres();
  }

  private synchronized Services services() {
    if (services == null) {
      if (source == Source.CONTAINERS) {
        String missing = ContainerCheck.whyNot();
        Assumptions.assumeTrue(missing == null, () -> "containers asked for, but " + missing);
        services = ContainerCheck.start();
      } else {
        services = new LocalServices();
      }
    }
    return services;
  }

  @Override
  public synchronized void afterAll(ExtensionContext context) {
    if (services != null) {
      services.close();
      services = null;
    }
  }

  /** The in-JVM broker and the machine's servers. */
  private static final class LocalServices implements Services {
    private EmbeddedKafka kafka;
    private LocalRedis redis;
    private LocalPostgres postgres;

    @Override
    public synchronized String kafkaBootstrap() {
      if (kafka == null) {
        kafka = EmbeddedKafka.start();
      }
      return kafka.bootstrapServers();
    }

    @Override
    public synchronized String redisUrl() {
      if (redis == null) {
        try {
          redis = LocalRedis.start();
        } catch (Exception e) {
          throw new IllegalStateException("redis-server did not start (run"
              + " scripts/install-services.sh): " + e, e);
        }
      }
      return redis.url();
    }

    @Override
    public synchronized Database postgres() {
      if (postgres == null) {
        postgres = LocalPostgres.start(false);
      }
      return new Database(postgres.jdbcUrl(), LocalPostgres.USER, LocalPostgres.PASSWORD);
    }

    @Override
    public synchronized void close() {
      List<Exception> errors = new ArrayList<>();
      for (AutoCloseable c : new AutoCloseable[] {kafka, redis, postgres}) {
        try {
          if (c != null) {
            c.close();
          }
        } catch (Exception e) {
          errors.add(e);
        }
      }
      if (!errors.isEmpty()) {
        throw new IllegalStateException("stopping the local services failed: " + errors);
      }
    }
  }

  /** Kept apart so that Testcontainers' classes load only when they are there. */
  static final class ContainerCheck {
    private ContainerCheck() {}

    /** @return null when containers can run; else why not */
    static String whyNot() {
      try {
        Class.forName("org.testcontainers.DockerClientFactory");
        Class.forName("org.testcontainers.kafka.KafkaContainer");
        Class.forName("org.testcontainers.postgresql.PostgreSQLContainer");
      } catch (ClassNotFoundException e) {
        return "Testcontainers is not on the test class path (add"
            + " org.testcontainers:testcontainers-kafka and testcontainers-postgresql)";
      }
      return ContainerServices.whyNot();
    }

    static Services start() {
      return new ContainerServices();
    }
  }
}
