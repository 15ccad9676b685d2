package io.karafka.queue.inline;

import io.karafka.KarafkaException;

/** A job performed by {@link InlineJobQueue} failed; the cause is what its perform threw. */
public class InlineJobException extends KarafkaException {
  /**
   * @param message which job failed
   * @param cause what perform threw
   */
  public InlineJobException(String message, Throwable cause) {
    super(message, cause);
  }
}
