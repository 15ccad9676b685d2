package io.karafka.app;

import io.karafka.KarafkaException;
import java.util.List;

/**
 * The configuration is invalid. Thrown at boot, listing every bad option at once: its key, its
 * value, the rule it breaks and the fix.
 */
public class ConfigurationException extends KarafkaException {
  private final List<ConfigProblem> problems;

  /** @param problems every problem found; at least one */
  public ConfigurationException(List<ConfigProblem> problems) {
    super(format(problems));
    this.problems = List.copyOf(problems);
  }

  /**
   * @param problem the problem
   * @param cause what failed, e.g. a configurator's exception
   */
  public ConfigurationException(ConfigProblem problem, Throwable cause) {
    super(format(List.of(problem)), cause);
    this.problems = List.of(problem);
  }

  /** @return the problems, one per option */
  public List<ConfigProblem> problems() {
    return problems;
  }

  private static String format(List<ConfigProblem> problems) {
    if (problems.size() == 1) {
      return "Invalid Karafka configuration: " + problems.getFirst();
    }
    StringBuilder text = new StringBuilder("Invalid Karafka configuration (" + problems.size()
        + " problems):");
    problems.forEach(p -> text.append("\n  - ").append(p));
    return text.toString();
  }
}
