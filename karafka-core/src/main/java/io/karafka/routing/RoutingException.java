package io.karafka.routing;

import io.karafka.KarafkaException;
import java.util.List;

/**
 * The routes are invalid, or a message came for a topic that has no route. Drawing reports every
 * problem at once, one line each, each naming its route.
 */
public class RoutingException extends KarafkaException {
  private final List<String> problems;

  /** @param problem one problem, naming the route */
  public RoutingException(String problem) {
    this(List.of(problem));
  }

  /** @param problems every problem found, each naming its route */
  public RoutingException(List<String> problems) {
    super(format(problems));
    this.problems = List.copyOf(problems);
  }

  /** @return each problem, one per entry */
  public List<String> problems() {
    return problems;
  }

  private static String format(List<String> problems) {
    if (problems.size() == 1) {
      return problems.getFirst();
    }
    StringBuilder text = new StringBuilder(problems.size() + " routing problems:");
    problems.forEach(p -> text.append("\n  - ").append(p));
    return text.toString();
  }
}
