package io.karafka.cli;

import io.karafka.KarafkaException;

/** The command line is wrong: an unknown command or option, or a missing or bad value. */
public class UsageException extends KarafkaException {
  /** @param message what is wrong, in one line */
  public UsageException(String message) {
    super(message);
  }
}
