package io.karafka.app;

import java.util.Map;
import java.util.Objects;

/**
 * The environment the app runs in ({@code development}, {@code test}, {@code production}, ...),
 * taken from {@code KARAFKA_ENV}; {@code development} when unset.
 *
 * @param name the environment's name
 */
public record Environment(String name) {
  /** The variable that names the environment. */
  public static final String VARIABLE = "KARAFKA_ENV";

  /** The environment when the variable is unset. */
  public static final String DEFAULT = "development";

  /** Validates. */
  public Environment {
    Objects.requireNonNull(name, "name");
  }

  /** @return the environment named by {@code KARAFKA_ENV} of this process */
  public static Environment current() {
    return from(System.getenv());
  }

  /** @return the environment named by {@code KARAFKA_ENV} in those variables */
  public static Environment from(Map<String, String> variables) {
    String value = variables.get(VARIABLE);
    return new Environment(value == null || value.isBlank() ? DEFAULT : value.trim());
  }

  /** @return whether this is the environment of that name */
  public boolean is(String other) {
    return name.equals(other);
  }

  /** @return whether this is {@code development} */
  public boolean isDevelopment() {
    return is("development");
  }

  /** @return whether this is {@code test} */
  public boolean isTest() {
    return is("test");
  }

  /** @return whether this is {@code production} */
  public boolean isProduction() {
    return is("production");
  }

  @Override
  public String toString() {
    return name;
  }
}
