package io.karafka.spring.boot.internal;

import io.karafka.KarafkaException;
import io.karafka.app.ConfigProblem;
import io.karafka.app.ConfigurationException;
import io.karafka.job.JobStoreUnavailableException;
import io.karafka.routing.RoutingException;
import java.util.Locale;
import java.util.Set;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Turns a Karafka error that stopped the context's start into Spring Boot's "APPLICATION FAILED
 * TO START" report: the framework's own message as the description, and as the action each bad
 * option's property (and environment variable) with the framework's fix, instead of a wall of
 * nested bean creation stack traces.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public final class KarafkaFailureAnalyzer extends AbstractFailureAnalyzer<KarafkaException> {
  /** Options set in code, not in application.yml. */
  private static final Set<String> IN_CODE = Set.of("topicMapper", "controllerFactory", "clock",
      "parser", "interchanger", "jobs.retryPolicy");

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, KarafkaException cause) {
    return new FailureAnalysis(cause.getMessage(), action(cause), cause);
  }

  private static String action(KarafkaException cause) {
    return switch (cause) {
      case ConfigurationException c -> {
        StringBuilder text = new StringBuilder("Fix the setting"
            + (c.problems().size() == 1 ? "" : "s") + " (application.yml, or the environment):");
        for (ConfigProblem problem : c.problems()) {
          text.append("\n  - ").append(where(problem.key())).append(": ").append(problem.fix());
        }
        yield text.toString();
      }
      case RoutingException r -> "Fix the route in the app's KarafkaRoutes bean. A controller or"
          + " responder is created once at start to check it: Karafka needs a new instance for"
          + " every message, so a bean of its class must be @Scope(\"prototype\").";
      case JobStoreUnavailableException j -> "Start the job store, or fix its address"
          + " (karafka.redis.url for Redis, spring.datasource.url for PostgreSQL): the app"
          + " cannot start while it cannot reach it.";
      default -> "See the message above: it names the topic, route, queue or option involved.";
    };
  }

  /**
   * @param key the framework's option key, e.g. {@code kafka.sessionTimeout}
   * @return where to set it, e.g. {@code karafka.kafka.session-timeout
   *     (KARAFKA_KAFKA_SESSIONTIMEOUT)}
   */
  static String where(String key) {
    if (IN_CODE.contains(key)) {
      return key + " (in a KarafkaConfigCustomizer bean)";
    }
    if (key.equals("name")) {
      return "karafka.name (KARAFKA_NAME), or spring.application.name";
    }
    if (key.equals("jdbc.jdbcUrl")) {
      return "spring.datasource.url";
    }
    if (key.equals("server.consumerGroups")) {
      return "karafka.server.include-groups and karafka.server.exclude-groups";
    }
    if (key.startsWith("server.") && !key.endsWith("Groups")) {
      return "karafka.store";
    }
    String property = "karafka." + kebab(key);
    return property + " (" + property.replace('.', '_').replace("-", "")
        .toUpperCase(Locale.ROOT) + ")";
  }

  private static String kebab(String key) {
    int passThrough = key.startsWith("kafka.properties.") ? "kafka.properties.".length()
        : key.length();
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (i < passThrough && Character.isUpperCase(c)) {
        text.append('-').append(Character.toLowerCase(c));
      } else {
        text.append(c);
      }
    }
    return text.toString();
  }
}
