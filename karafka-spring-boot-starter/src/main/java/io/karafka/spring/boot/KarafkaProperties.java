package io.karafka.spring.boot;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;

/**
 * The {@code karafka.*} settings of {@code application.yml} (or properties, or the environment:
 * {@code KARAFKA_KAFKA_HOSTS} is {@code karafka.kafka.hosts}). A value left out keeps the
 * framework's default; the starter hands what is set to {@code KarafkaConfig.Builder}, which
 * validates everything at once with the framework's own messages. Durations are written
 * {@code 30s}, {@code 500ms}, {@code 2m} or ISO-8601; a bare number is seconds, as in Karafka's
 * own override files. Property names follow the framework's option keys: the option
 * {@code kafka.sessionTimeout} is {@code karafka.kafka.session-timeout}.
 *
 * @param name the application name (default: {@code spring.application.name})
 * @param environment the environment (default: {@code KARAFKA_ENV}, else development)
 * @param inlineMode perform in the consumer instead of enqueuing (default false)
 * @param batchMode handle a whole poll of a partition at once (default false)
 * @param startFromBeginning a new consumer group reads from the earliest offset (default true)
 * @param topicPrefix Kafka topics are {@code <prefix>.<topic>} (default none)
 * @param store the job store: {@code jdbc}, {@code redis} or {@code inline} (default: redis when
 *     {@code karafka.redis.url} is set, else none)
 * @param monitor the monitor's settings
 * @param health Karafka's own health endpoint (besides the actuator's)
 * @param kafka how to reach and consume from Kafka
 * @param connectionPool the producers
 * @param jobs background jobs and the worker
 * @param server the consumer of this process
 * @param worker the worker of this process
 * @param jdbc the PostgreSQL job store, on the application's {@code DataSource}
 * @param redis the Redis job store
 */
@ConfigurationProperties("karafka")
public record KarafkaProperties(String name, String environment, Boolean inlineMode,
                                Boolean batchMode, Boolean startFromBeginning,
                                String topicPrefix, String store,
                                @DefaultValue Monitor monitor, @DefaultValue Health health,
                                @DefaultValue Kafka kafka,
                                @DefaultValue ConnectionPool connectionPool,
                                @DefaultValue Jobs jobs, @DefaultValue Server server,
                                @DefaultValue Worker worker, @DefaultValue Jdbc jdbc,
                                @DefaultValue Redis redis) {

  /**
   * @param reminderInterval how often a dependency that stays down is reported again (1m)
   */
  public record Monitor(@DurationUnit(ChronoUnit.SECONDS) Duration reminderInterval) {}

  /**
   * @param port serve {@code /health/live}, {@code /health/ready} and {@code /metrics} on this
   *     port with the JDK's HTTP server (default 0: none; the actuator serves health anyway)
   */
  public record Health(Integer port) {}

  /**
   * @param hosts bootstrap brokers, {@code host:port} each (required)
   * @param sessionTimeout how long a silent consumer stays in its group (30s)
   * @param offsetCommitInterval how often handled offsets are committed (10s)
   * @param offsetCommitThreshold commit after this many handled messages too (0: interval only)
   * @param heartbeatInterval how often a consumer tells its group it is alive (10s)
   * @param consumerThreads platform threads handling partitions; 0: a virtual thread each (0)
   * @param maxPollRecords most messages one poll returns (500)
   * @param retryBackoff first wait before a failed message is tried again (1s)
   * @param maxRetryBackoff longest wait between tries (60s)
   * @param maxAttempts tries before a message goes to the dead-letter topic (5)
   * @param deadLetterTopic where messages go after their last try (none: retry forever)
   * @param shutdownTimeout how long a stopping consumer waits for work in flight (30s)
   * @param perKeyMaxInFlight most messages of per-key routes running at once (1000)
   * @param ssl TLS material
   * @param properties any other kafka-clients property, e.g. {@code sasl.mechanism}
   */
  public record Kafka(List<String> hosts,
                      @DurationUnit(ChronoUnit.SECONDS) Duration sessionTimeout,
                      @DurationUnit(ChronoUnit.SECONDS) Duration offsetCommitInterval,
                      Integer offsetCommitThreshold,
                      @DurationUnit(ChronoUnit.SECONDS) Duration heartbeatInterval,
                      Integer consumerThreads, Integer maxPollRecords,
                      @DurationUnit(ChronoUnit.SECONDS) Duration retryBackoff,
                      @DurationUnit(ChronoUnit.SECONDS) Duration maxRetryBackoff,
                      Integer maxAttempts, String deadLetterTopic,
                      @DurationUnit(ChronoUnit.SECONDS) Duration shutdownTimeout,
                      Integer perKeyMaxInFlight, @DefaultValue Ssl ssl,
                      Map<String, String> properties) {}

  /**
   * @param caCert the CA certificate, PEM text or file path
   * @param clientCert the client certificate, PEM text or file path
   * @param clientCertKey the client certificate's private key, PEM text or file path
   */
  public record Ssl(String caCert, String clientCert, String clientCertKey) {}

  /**
   * @param size how many producers may send at once (5)
   * @param timeout how long a response waits for a free producer (5s)
   */
  public record ConnectionPool(Integer size,
                               @DurationUnit(ChronoUnit.SECONDS) Duration timeout) {}

  /**
   * @param concurrency jobs one worker runs at once (10)
   * @param virtualThreads run jobs on virtual threads (false)
   * @param queues queues the worker fetches from, in priority order or {@code name,weight}
   *     ({@code [default]})
   * @param retry retries before a job is dead (25)
   * @param timeout limit of one run of a job (none)
   * @param shutdownTimeout how long a stopping worker waits for running jobs (25s)
   * @param pollInterval how long a worker waits on an empty queue before asking again (1s)
   * @param deadMaxJobs dead jobs kept at most (10000)
   * @param deadTimeout how long dead jobs are kept (180d)
   * @param prefetch jobs a worker thread takes at once (1)
   */
  public record Jobs(Integer concurrency, Boolean virtualThreads, List<String> queues,
                     Integer retry, @DurationUnit(ChronoUnit.SECONDS) Duration timeout,
                     @DurationUnit(ChronoUnit.SECONDS) Duration shutdownTimeout,
                     @DurationUnit(ChronoUnit.SECONDS) Duration pollInterval,
                     Integer deadMaxJobs,
                     @DurationUnit(ChronoUnit.SECONDS) Duration deadTimeout,
                     Integer prefetch) {}

  /**
   * @param enabled consume in this process (true)
   * @param includeGroups consume only these consumer groups (default: all)
   * @param excludeGroups do not consume these consumer groups (default: none)
   */
  public record Server(@DefaultValue("true") boolean enabled, List<String> includeGroups,
                       List<String> excludeGroups) {}

  /**
   * @param enabled perform background jobs in this process, when a job store is configured
   *     (true)
   */
  public record Worker(@DefaultValue("true") boolean enabled) {}

  /**
   * @param tablePrefix prefix of the store's tables ({@code karafka_})
   * @param connectionTimeout how long a call waits for a connection (5s)
   * @param leaseTime how long a running job's lease lasts without renewal (25s)
   * @param pollInterval how often a waiting fetch looks again without a notification (1s)
   * @param housekeepingInterval how often expired leases and old jobs are cleaned up (5s)
   * @param retention how long completed jobs are kept (0: deleted at once)
   * @param listen wake waiting workers with LISTEN/NOTIFY (true)
   * @param autoMigrate create and migrate the tables at start (true)
   */
  public record Jdbc(String tablePrefix,
                     @DurationUnit(ChronoUnit.SECONDS) Duration connectionTimeout,
                     @DurationUnit(ChronoUnit.SECONDS) Duration leaseTime,
                     @DurationUnit(ChronoUnit.SECONDS) Duration pollInterval,
                     @DurationUnit(ChronoUnit.SECONDS) Duration housekeepingInterval,
                     @DurationUnit(ChronoUnit.SECONDS) Duration retention,
                     Boolean listen, Boolean autoMigrate) {}

  /**
   * @param url {@code redis://[user:password@]host:port[/db]} or {@code rediss://} for TLS
   * @param namespace prefix of every key (default none: Sidekiq's plain keys)
   * @param poolSize connections kept (10)
   * @param timeout connect and read timeout (5s)
   * @param heartbeatTtl how long a worker stays listed after its last heartbeat (25s)
   * @param caCert for {@code rediss://}: the CA certificate, PEM text or file path
   */
  public record Redis(String url, String namespace, Integer poolSize,
                      @DurationUnit(ChronoUnit.SECONDS) Duration timeout,
                      @DurationUnit(ChronoUnit.SECONDS) Duration heartbeatTtl,
                      String caCert) {}
}
