package io.karafka.parse;

import io.karafka.KarafkaException;

/** A payload could not be parsed, or a value could not be generated, by a {@link Parser}. */
public class ParserException extends KarafkaException {
  /** @param message what could not be parsed or generated, and why */
  public ParserException(String message) {
    super(message);
  }

  /**
   * @param message what could not be parsed or generated
   * @param cause the parser library's own error
   */
  public ParserException(String message, Throwable cause) {
    super(message, cause);
  }
}
