package io.karafka.controller;

import io.karafka.KarafkaException;

/** A controller or responder could not be created, or was used outside of a message. */
public class ControllerException extends KarafkaException {
  /** @param message what went wrong, naming the class */
  public ControllerException(String message) {
    super(message);
  }

  /**
   * @param message what went wrong, naming the class
   * @param cause the underlying error
   */
  public ControllerException(String message, Throwable cause) {
    super(message, cause);
  }
}
