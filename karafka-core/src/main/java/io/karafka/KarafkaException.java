package io.karafka;

/**
 * Root of every exception Karafka throws on purpose. Subtypes name the concept that failed:
 * configuration, routing, responder validation, parsing, job store availability.
 */
public class KarafkaException extends RuntimeException {
  /** @param message what went wrong, naming the topic, route, queue or option involved */
  public KarafkaException(String message) {
    super(message);
  }

  /**
   * @param message what went wrong, naming the topic, route, queue or option involved
   * @param cause the underlying failure, kept for diagnosis
   */
  public KarafkaException(String message, Throwable cause) {
    super(message, cause);
  }
}
