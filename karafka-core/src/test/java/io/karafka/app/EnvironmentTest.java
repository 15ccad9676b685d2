package io.karafka.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentTest {
  @Test
  void defaultsToDevelopmentWhenUnset() {
    Environment env = Environment.from(Map.of("OTHER", "x"));

    assertEquals("development", env.name());
    assertEquals(Environment.DEFAULT, env.name());
    assertTrue(env.isDevelopment());
    assertFalse(env.isProduction());
    assertFalse(env.isTest());
  }

  @Test
  void defaultsToDevelopmentWhenBlankOrNull() {
    Map<String, String> withNull = new HashMap<>();
    withNull.put("KARAFKA_ENV", null);

    assertEquals(new Environment("development"), Environment.from(Map.of("KARAFKA_ENV", "  ")));
    assertEquals(new Environment("development"), Environment.from(withNull));
  }

  @Test
  void readsAndTrimsKarafkaEnv() {
    Environment env = Environment.from(Map.of(Environment.VARIABLE, "  production \n"));

    assertEquals("production", env.name());
    assertTrue(env.isProduction());
    assertTrue(env.is("production"));
    assertFalse(env.is("Production"));
    assertFalse(env.isDevelopment());
    assertEquals("production", env.toString());
  }

  @Test
  void namedChecks() {
    assertTrue(new Environment("test").isTest());
    assertTrue(new Environment("staging").is("staging"));
    assertFalse(new Environment("staging").is("production"));
  }

  @Test
  void currentReadsTheProcessEnvironment() {
    assertEquals(Environment.from(System.getenv()), Environment.current());
  }

  @Test
  void nameIsRequired() {
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> new Environment(null));

    assertEquals("name", e.getMessage());
  }

  @Test
  void configKeepsAValidEnvironment() {
    KarafkaConfig config = KarafkaConfig.builder().name("app")
        .environment(Environment.from(Map.of("KARAFKA_ENV", "staging"))).build();

    assertEquals(new Environment("staging"), config.environment());
  }

  @Test
  void invalidEnvironmentNameFailsTheConfiguration() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> KarafkaConfig.builder().name("app").environment(new Environment("bad env")).build());

    assertEquals("Invalid Karafka configuration: environment = 'bad env': must be 1-200"
        + " characters from [A-Za-z0-9._-]. Fix: set KARAFKA_ENV to e.g. production, development"
        + " or test", e.getMessage());
    assertEquals("environment", e.problems().getFirst().key());
  }
}
