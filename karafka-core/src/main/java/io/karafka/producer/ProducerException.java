package io.karafka.producer;

import io.karafka.KarafkaException;

/** Messages could not be sent or were not acknowledged. */
public class ProducerException extends KarafkaException {
  /** @param message what could not be sent, naming the topic */
  public ProducerException(String message) {
    super(message);
  }

  /**
   * @param message what could not be sent, naming the topic
   * @param cause the client's error
   */
  public ProducerException(String message, Throwable cause) {
    super(message, cause);
  }
}
