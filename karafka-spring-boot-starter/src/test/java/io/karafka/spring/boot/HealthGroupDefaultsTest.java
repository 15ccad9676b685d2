package io.karafka.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.karafka.spring.boot.internal.HealthGroupDefaults;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** Karafka's indicators join the probe groups by default, and the application's say wins. */
class HealthGroupDefaultsTest {
  private static final String LIVENESS = "management.endpoint.health.group.liveness.include";
  private static final String READINESS = "management.endpoint.health.group.readiness.include";

  @Test
  void theProbeGroupsIncludeKarafkasIndicatorsUnlessTheApplicationSaysOtherwise() {
    StandardEnvironment environment = environment(Map.of(READINESS, "readinessState,db"));
    new HealthGroupDefaults().postProcessEnvironment(environment, new SpringApplication());
    assertEquals("livenessState,karafka", environment.getProperty(LIVENESS));
    assertEquals("readinessState,db", environment.getProperty(READINESS));
  }

  @Test
  void nothingIsAddedWithTheIndicatorsOrTheProbesOff() {
    for (String off : new String[] {"management.health.karafka.enabled",
        "management.endpoint.health.probes.enabled", "management.health.defaults.enabled"}) {
      StandardEnvironment environment = environment(Map.of(off, "false"));
      new HealthGroupDefaults().postProcessEnvironment(environment, new SpringApplication());
      assertNull(environment.getProperty(LIVENESS), off);
      assertNull(environment.getProperty(READINESS), off);
    }
  }

  private static StandardEnvironment environment(Map<String, Object> properties) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("app", properties));
    return environment;
  }
}
