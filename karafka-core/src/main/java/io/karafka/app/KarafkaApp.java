package io.karafka.app;

import io.karafka.app.internal.RouteResolver;
import io.karafka.monitor.Dependencies;
import io.karafka.monitor.Monitor;
import io.karafka.routing.Route;
import io.karafka.routing.Routes;
import io.karafka.routing.RoutingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A Karafka application: its configuration and its routes, validated and resolved. Built once in
 * {@code main} and handed to the server, the worker and the test kit; holds no threads or
 * connections itself. Adapters (Kafka, job stores) are wired beside it.
 *
 * <pre>{@code
 * KarafkaApp app = KarafkaApp.builder()
 *     .setup(config -> config
 *         .name("my_application")
 *         .kafka(kafka -> kafka.hosts("127.0.0.1:9092")))
 *     .routes(r -> {
 *       r.topic("users_create").controller(UsersCreateController.class);
 *     })
 *     .configurator(app -> System.out.println("booted " + app.name() + " in " + app.env()))
 *     .build();
 * }</pre>
 *
 * Thread-safe; its configuration and routes are immutable, its dependencies' states change.
 */
public final class KarafkaApp {
  private final KarafkaConfig config;
  private final List<Route> routes;
  private final Map<String, Route> byTopic;
  private final Dependencies dependencies;
  private final Monitor monitor;

  private KarafkaApp(KarafkaConfig config, List<Route> routes) {
    this.config = config;
    // a monitor that throws must never change how a message or job is handled
    this.monitor = Monitor.combine(config.monitor());
    this.dependencies = new Dependencies(monitor, config.clock(),
        config.reminderInterval());
    this.routes = List.copyOf(routes);
    this.byTopic = routes.stream().collect(Collectors.toUnmodifiableMap(Route::topic,
        Function.identity()));
  }

  /** @return a builder for an app */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the application name */
  public String name() {
    return config.name();
  }

  /** @return the environment (from {@code KARAFKA_ENV}, default {@code development}) */
  public Environment env() {
    return config.environment();
  }

  /** @return the configuration */
  public KarafkaConfig config() {
    return config;
  }

  /**
   * @return the monitor every component reports to: the configured one, guarded so that an
   *     exception it throws is reported (to the other monitors, or logged) and never reaches
   *     the code that told the event
   */
  public Monitor monitor() {
    return monitor;
  }

  /**
   * @return the states of this process's outside dependencies (Kafka, the producer, the job
   *     store...): what adapters report their attempts to, so that every outage and recovery is
   *     told once
   */
  public Dependencies dependencies() {
    return dependencies;
  }

  /** @return every route with defaults applied, in the order drawn */
  public List<Route> routes() {
    return routes;
  }

  /** @return the route of a topic (the application's name for it), when there is one */
  public Optional<Route> route(String topic) {
    return Optional.ofNullable(byTopic.get(topic));
  }

  /**
   * @return the same app (routes, settings) whose components report to another monitor; the test
   *     kit uses it to record events
   */
  public KarafkaApp withMonitor(Monitor monitor) {
    return new KarafkaApp(config.withMonitor(Objects.requireNonNull(monitor, "monitor")), routes);
  }

  /** @return the same app on another time source (for tests) */
  public KarafkaApp withClock(java.time.Clock clock) {
    return new KarafkaApp(config.withClock(Objects.requireNonNull(clock, "clock")), routes);
  }

  @Override
  public String toString() {
    return "KarafkaApp[" + name() + ", " + env() + ", " + routes.size() + " routes]";
  }

  /** Assembles an app; {@link #build()} validates everything. Not thread-safe. */
  public static final class Builder {
    private final KarafkaConfig.Builder config = KarafkaConfig.builder();
    private KarafkaConfig built;
    private Routes routes;
    private Consumer<Routes.Drawing> drawing;
    private final List<Configurator> configurators = new ArrayList<>();

    private Builder() {}

    /** Sets options, as the original framework's {@code setup do |config|}. @return this */
    public Builder setup(Consumer<KarafkaConfig.Builder> block) {
      block.accept(config);
      return this;
    }

    /** Uses a configuration built elsewhere (instead of {@link #setup}). @return this */
    public Builder config(KarafkaConfig value) {
      this.built = Objects.requireNonNull(value, "config");
      return this;
    }

    /** Draws the routes. @return this */
    public Builder routes(Consumer<Routes.Drawing> block) {
      this.drawing = Objects.requireNonNull(block, "routes");
      this.routes = null;
      return this;
    }

    /** Uses routes drawn elsewhere. @return this */
    public Builder routes(Routes value) {
      this.routes = Objects.requireNonNull(value, "routes");
      this.drawing = null;
      return this;
    }

    /** Adds a configurator; they run after setup, in the order added. @return this */
    public Builder configurator(Configurator configurator) {
      configurators.add(Objects.requireNonNull(configurator, "configurator"));
      return this;
    }

    /**
     * Validates the configuration, draws and resolves the routes, then runs the configurators.
     *
     * @throws ConfigurationException naming every bad option
     * @throws RoutingException naming every bad route
     */
    public KarafkaApp build() {
      KarafkaConfig cfg = built != null ? built : config.build();
      Routes drawn = routes;
      if (drawn == null) {
        if (drawing == null) {
          throw new RoutingException("no routes: call .routes(r -> r.topic(\"...\")"
              + ".controller(...)) on the app builder");
        }
        drawn = Routes.draw(drawing);
      }
      KarafkaApp app = new KarafkaApp(cfg, new RouteResolver(cfg).resolve(drawn));
      int index = 0;
      for (Configurator configurator : configurators) {
        index++;
        try {
          configurator.configure(app);
        } catch (Exception e) {
          throw new ConfigurationException(new ConfigProblem("configurators[" + index + "]",
              configurator.getClass().getName(), "failed with " + e,
              "fix the configurator or its settings"), e);
        }
      }
      return app;
    }
  }
}
