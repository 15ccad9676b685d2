package io.karafka.routing;

import java.util.Optional;
import java.util.regex.Pattern;

/** Kafka's rule for legal topic names, shared by routes and responders. */
public final class TopicNames {
  private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]+");

  /** The longest topic name Kafka accepts. */
  public static final int MAX_LENGTH = 249;

  private TopicNames() {}

  /** @return why the name is not a legal Kafka topic name, or empty when it is */
  public static Optional<String> problem(String name) {
    if (name == null || name.isEmpty()) {
      return Optional.of("topic name must not be empty");
    }
    if (name.equals(".") || name.equals("..")) {
      return Optional.of("topic name '" + name + "' is not allowed by Kafka");
    }
    if (name.length() > MAX_LENGTH) {
      return Optional.of("topic name '" + name + "' is " + name.length()
          + " characters long; Kafka allows at most " + MAX_LENGTH);
    }
    if (!LEGAL.matcher(name).matches()) {
      return Optional.of("topic name '" + name + "' is not legal in Kafka: use only ASCII letters,"
          + " digits, '.', '_' and '-'");
    }
    return Optional.empty();
  }
}
