package io.karafka.cli.internal;

import io.karafka.cli.UsageException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parses {@code --name value} and {@code --flag} options of one command. */
public final class Options {
  private final Map<String, String> values = new HashMap<>();

  private Options() {}

  /**
   * @param command the command, for messages
   * @param args what followed the command
   * @param valued options that take a value
   * @param flags options that take none
   */
  public static Options parse(String command, List<String> args, Set<String> valued,
                              Set<String> flags) {
    Options options = new Options();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      if (flags.contains(name) && !arg.contains("=")) {
        options.values.put(name, "true");
      } else if (valued.contains(name)) {
        String value;
        if (arg.contains("=")) {
          value = arg.substring(arg.indexOf('=') + 1);
        } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
          value = args.get(++i);
        } else {
          throw new UsageException("karafka " + command + ": " + name + " needs a value");
        }
        if (value.isBlank()) {
          throw new UsageException("karafka " + command + ": " + name + " needs a value");
        }
        options.values.put(name, value);
      } else if (arg.startsWith("-")) {
        throw new UsageException("karafka " + command + ": unknown option '" + arg + "'");
      } else {
        throw new UsageException("karafka " + command + ": unexpected argument '" + arg + "'");
      }
    }
    return options;
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  public String get(String name) {
    return values.get(name);
  }

  /** @return the option as a whole number in a range, or the default */
  public int integer(String command, String name, int min, int max, int fallback) {
    String value = values.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      int number = Integer.parseInt(value.trim());
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException("karafka " + command + ": " + name + " must be a whole number from "
        + min + " to " + max + ", got '" + value + "'");
  }

  /** @return a comma-separated option as a list, or null when absent */
  public List<String> list(String name) {
    String value = values.get(name);
    return value == null ? null : List.of(value.split(","));
  }
}
