package io.karafka.interchange;

import io.karafka.KarafkaException;

/** Params could not be encoded into, or decoded from, a job payload. */
public class InterchangeException extends KarafkaException {
  /** @param message what could not be interchanged and why */
  public InterchangeException(String message) {
    super(message);
  }

  /**
   * @param message what could not be interchanged
   * @param cause the underlying error
   */
  public InterchangeException(String message, Throwable cause) {
    super(message, cause);
  }
}
