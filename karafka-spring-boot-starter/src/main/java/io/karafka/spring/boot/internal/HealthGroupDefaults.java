package io.karafka.spring.boot.internal;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.DefaultPropertiesPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Puts Karafka's health indicators into Spring Boot's probe groups, as defaults that any
 * setting of the application replaces: {@code liveness} includes {@code livenessState} and
 * {@code karafka} (the process's loops run), {@code readiness} includes {@code readinessState}
 * and {@code karafkaReadiness} (its groups hold partitions, its dependencies are up). Nothing is
 * added without Spring Boot's health module, with the probes off, or with the Karafka indicators
 * turned off ({@code management.health.karafka.enabled: false}).
 */
public final class HealthGroupDefaults implements EnvironmentPostProcessor {
  /** The liveness group's members. */
  public static final String LIVENESS = "livenessState,karafka";
  /** The readiness group's members. */
  public static final String READINESS = "readinessState,karafkaReadiness";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment,
                                     SpringApplication application) {
    if (!Handoff.present("org.springframework.boot.health.contributor.HealthIndicator")
        || !environment.getProperty("management.endpoint.health.probes.enabled", Boolean.class,
            true)
        || !environment.getProperty("management.health.karafka.enabled", Boolean.class,
            environment.getProperty("management.health.defaults.enabled", Boolean.class,
                true))) {
      return;
    }
    DefaultPropertiesPropertySource.addOrMerge(Map.of(
        "management.endpoint.health.group.liveness.include", LIVENESS,
        "management.endpoint.health.group.readiness.include", READINESS),
        environment.getPropertySources());
  }
}
