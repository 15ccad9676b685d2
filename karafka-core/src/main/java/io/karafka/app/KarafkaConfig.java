package io.karafka.app;

import io.karafka.app.internal.ConfigCheck;
import io.karafka.controller.ControllerFactory;
import io.karafka.interchange.Interchanger;
import io.karafka.monitor.LoggingMonitor;
import io.karafka.monitor.Monitor;
import io.karafka.parse.Parser;
import io.karafka.topic.TopicMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The app's validated, immutable configuration: every option of the original framework, plus the
 * Java-side choices (parser and interchanger defaults, controller factory, clock). Built by
 * {@link Builder#build()}, which reports every bad option at once.
 *
 * <pre>{@code
 * KarafkaConfig config = KarafkaConfig.builder()
 *     .name("my_application")
 *     .inlineMode(false)
 *     .batchMode(false)
 *     .kafka(kafka -> kafka.hosts("127.0.0.1:9092").sessionTimeout(Duration.ofSeconds(30)))
 *     .jobs(jobs -> jobs.concurrency(20))
 *     .build();
 * }</pre>
 *
 * @param name application name (required): letters, digits, {@code . _ -}
 * @param environment the environment, from {@code KARAFKA_ENV} by default
 * @param topicMapper maps topic names to and from Kafka (default identity)
 * @param inlineMode perform in the consuming process instead of enqueuing (default false)
 * @param batchMode handle a whole poll of a partition at once (default false)
 * @param startFromBeginning a new group reads from the earliest offset (default true)
 * @param monitor receives every event (default a {@link LoggingMonitor} on {@code logger})
 * @param logger the logger of the default monitor (default {@code io.karafka})
 * @param parser the routes' default parser (default: JSON, from {@code karafka-json})
 * @param interchanger the routes' default interchanger (default: JSON, from {@code karafka-json})
 * @param controllerFactory creates controllers and responders (default: no-argument constructors)
 * @param clock time source (default UTC system clock)
 * @param kafka Kafka connection and commit settings
 * @param connectionPool producer pool settings
 * @param jobs background job settings
 * @param reminderInterval how often a dependency that stays down is reported again
 *     ({@code monitor.reminderInterval}, default 1 min)
 * @param healthPort the port of the health endpoint ({@code /health/live}, {@code /health/ready},
 *     {@code /metrics}) that the CLI's {@code server} and {@code worker} start; 0 (the default):
 *     none ({@code health.port}; see {@code io.karafka.health.HealthServer})
 */
public record KarafkaConfig(String name, Environment environment, TopicMapper topicMapper,
                            boolean inlineMode, boolean batchMode, boolean startFromBeginning,
                            Monitor monitor, System.Logger logger, Optional<Parser> parser,
                            Optional<Interchanger> interchanger,
                            ControllerFactory controllerFactory, Clock clock,
                            KafkaSettings kafka, ConnectionPoolSettings connectionPool,
                            JobSettings jobs, Duration reminderInterval, int healthPort) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,200}");
  private static final String NAME_RULE = "must be 1-200 characters from [A-Za-z0-9._-] (it"
      + " becomes part of consumer group names)";
  private static final String NAME_FIX = "use e.g. .name(\"my_application\")";
  private static final String ENV_RULE = "must be 1-200 characters from [A-Za-z0-9._-]";
  private static final String ENV_FIX = "set KARAFKA_ENV to e.g. production, development or test";
  private static final String REMINDER_RULE = "must be positive";
  private static final String REMINDER_FIX = "set e.g. .reminderInterval(Duration.ofMinutes(1))";
  private static final String PORT_RULE = "must be a port from 1 to 65535, or 0 for none";
  private static final String PORT_FIX = "set e.g. .healthPort(8081)";

  /** Validates presence. */
  public KarafkaConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(topicMapper, "topicMapper");
    Objects.requireNonNull(monitor, "monitor");
    Objects.requireNonNull(logger, "logger");
    Objects.requireNonNull(parser, "parser");
    Objects.requireNonNull(interchanger, "interchanger");
    Objects.requireNonNull(controllerFactory, "controllerFactory");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(connectionPool, "connectionPool");
    Objects.requireNonNull(jobs, "jobs");
    Objects.requireNonNull(reminderInterval, "reminderInterval");
    if (!NAME.matcher(name).matches()) {
      throw new ConfigurationException(
          List.of(new ConfigProblem("name", name, NAME_RULE, NAME_FIX)));
    }
    if (!NAME.matcher(environment.name()).matches()) {
      throw new ConfigurationException(List.of(new ConfigProblem("environment",
          environment.name(), ENV_RULE, ENV_FIX)));
    }
    if (reminderInterval.isNegative() || reminderInterval.isZero()) {
      throw new ConfigurationException(List.of(new ConfigProblem("monitor.reminderInterval",
          reminderInterval.toString(), REMINDER_RULE, REMINDER_FIX)));
    }
    if (healthPort < 0 || healthPort > 65535) {
      throw new ConfigurationException(List.of(new ConfigProblem("health.port",
          String.valueOf(healthPort), PORT_RULE, PORT_FIX)));
    }
  }

  /** @return this configuration reporting to another monitor */
  public KarafkaConfig withMonitor(Monitor newMonitor) {
    return new KarafkaConfig(name, environment, topicMapper, inlineMode, batchMode,
        startFromBeginning, newMonitor, logger, parser, interchanger, controllerFactory, clock,
        kafka, connectionPool, jobs, reminderInterval, healthPort);
  }

  /** @return this configuration with another time source */
  public KarafkaConfig withClock(Clock newClock) {
    return new KarafkaConfig(name, environment, topicMapper, inlineMode, batchMode,
        startFromBeginning, monitor, logger, parser, interchanger, controllerFactory, newClock,
        kafka, connectionPool, jobs, reminderInterval, healthPort);
  }

  /** @return a builder with every default set and no name */
  public static Builder builder() {
    return new Builder();
  }

  /** Collects options; {@link #build()} validates all of them. Not thread-safe. */
  public static final class Builder {
    private String name;
    private Environment environment;
    private TopicMapper topicMapper = TopicMapper.identity();
    private boolean inlineMode;
    private boolean batchMode;
    private boolean startFromBeginning = true;
    private Monitor monitor;
    private System.Logger logger;
    private Parser parser;
    private Interchanger interchanger;
    private ControllerFactory controllerFactory = ControllerFactory.reflective();
    private Clock clock = Clock.systemUTC();
    private Overrides overrides = Overrides.none();
    private Duration reminderInterval = Duration.ofMinutes(1);
    private int healthPort;
    private final KafkaSettings.Builder kafka = new KafkaSettings.Builder();
    private final ConnectionPoolSettings.Builder connectionPool =
        new ConnectionPoolSettings.Builder();
    private final JobSettings.Builder jobs = new JobSettings.Builder();

    private Builder() {}

    /** Application name (required). @return this */
    public Builder name(String value) {
      this.name = value;
      return this;
    }

    /** Default: from {@code KARAFKA_ENV}. @return this */
    public Builder environment(Environment value) {
      this.environment = value;
      return this;
    }

    /** Default identity. @return this */
    public Builder topicMapper(TopicMapper value) {
      this.topicMapper = value;
      return this;
    }

    /** Default false. @return this */
    public Builder inlineMode(boolean value) {
      this.inlineMode = value;
      return this;
    }

    /** Default false. @return this */
    public Builder batchMode(boolean value) {
      this.batchMode = value;
      return this;
    }

    /** Default true. @return this */
    public Builder startFromBeginning(boolean value) {
      this.startFromBeginning = value;
      return this;
    }

    /** Default: a {@link LoggingMonitor}. Replacing it replaces logging too. @return this */
    public Builder monitor(Monitor value) {
      this.monitor = value;
      return this;
    }

    /** The default monitor's logger. @return this */
    public Builder logger(System.Logger value) {
      this.logger = value;
      return this;
    }

    /** The routes' default parser. @return this */
    public Builder parser(Parser value) {
      this.parser = value;
      return this;
    }

    /** The routes' default interchanger. @return this */
    public Builder interchanger(Interchanger value) {
      this.interchanger = value;
      return this;
    }

    /** How controllers and responders are created (e.g. by a DI container). @return this */
    public Builder controllerFactory(ControllerFactory value) {
      this.controllerFactory = value;
      return this;
    }

    /**
     * How often a dependency that stays down (Kafka, a job store...) is reported again while the
     * outage lasts; default 1 minute. @return this
     */
    public Builder reminderInterval(Duration value) {
      this.reminderInterval = value;
      return this;
    }

    /**
     * The port of the health endpoint the CLI's {@code server} and {@code worker} start
     * ({@code --health-port} overrides it); default 0: none. @return this
     */
    public Builder healthPort(int value) {
      this.healthPort = value;
      return this;
    }

    /** Time source, for tests. @return this */
    public Builder clock(Clock value) {
      this.clock = value;
      return this;
    }

    /**
     * Settings from a per-environment file and environment variables that win over what is set
     * in code (see {@link Overrides}). @return this
     */
    public Builder overrides(Overrides value) {
      this.overrides = java.util.Objects.requireNonNull(value, "overrides");
      return this;
    }

    /** Kafka settings. @return this */
    public Builder kafka(Consumer<KafkaSettings.Builder> block) {
      block.accept(kafka);
      return this;
    }

    /** Producer pool settings. @return this */
    public Builder connectionPool(Consumer<ConnectionPoolSettings.Builder> block) {
      block.accept(connectionPool);
      return this;
    }

    /** Background job settings. @return this */
    public Builder jobs(Consumer<JobSettings.Builder> block) {
      block.accept(jobs);
      return this;
    }

    /**
     * @return the validated configuration
     * @throws ConfigurationException naming every bad option, its value, the rule and the fix
     */
    public KarafkaConfig build() {
      return build(new ConfigCheck());
    }

    private KarafkaConfig build(ConfigCheck problems) {
      overrides.applyTo(this, problems);
      if (name == null || name.isBlank()) {
        problems.add("name", name, "is required", "set the application name, e.g."
            + " .name(\"my_application\")");
      } else if (!NAME.matcher(name).matches()) {
        problems.add("name", name, NAME_RULE, NAME_FIX);
      }
      Environment env = environment == null ? Environment.current() : environment;
      if (!NAME.matcher(env.name()).matches()) {
        problems.add("environment", env.name(), ENV_RULE, ENV_FIX);
      }
      if (reminderInterval == null || reminderInterval.isNegative()
          || reminderInterval.isZero()) {
        problems.add("monitor.reminderInterval", String.valueOf(reminderInterval),
            REMINDER_RULE, REMINDER_FIX);
      }
      if (healthPort < 0 || healthPort > 65535) {
        problems.add("health.port", String.valueOf(healthPort), PORT_RULE, PORT_FIX);
      }
      required(problems, "topicMapper", topicMapper, ".topicMapper(TopicMapper.identity())");
      required(problems, "controllerFactory", controllerFactory,
          ".controllerFactory(ControllerFactory.reflective())");
      required(problems, "clock", clock, ".clock(Clock.systemUTC())");
      KafkaSettings kafkaSettings = kafka.build(problems);
      ConnectionPoolSettings pool = connectionPool.build(problems);
      JobSettings jobSettings = jobs.build(problems);
      problems.throwIfAny();
      System.Logger log = logger == null ? System.getLogger("io.karafka") : logger;
      return new KarafkaConfig(name, env, topicMapper, inlineMode, batchMode, startFromBeginning,
          monitor == null ? new LoggingMonitor(log, clock, reminderInterval) : monitor, log,
          Optional.ofNullable(parser), Optional.ofNullable(interchanger), controllerFactory,
          clock, kafkaSettings, pool, jobSettings, reminderInterval, healthPort);
    }

    private static void required(ConfigCheck problems, String key, Object value, String example) {
      if (value == null) {
        problems.add(key, null, "must not be null", "leave it unset for the default, or set e.g. "
            + example);
      }
    }
  }
}
