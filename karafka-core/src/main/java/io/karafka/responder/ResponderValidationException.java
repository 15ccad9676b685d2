package io.karafka.responder;

import io.karafka.KarafkaException;

/**
 * A response broke its responder's registrations: an unregistered topic, a second message to a
 * topic without {@code multipleUsage}, a required topic left out, or data of the wrong type.
 * Nothing of that response was sent.
 */
public class ResponderValidationException extends KarafkaException {
  /** @param message the rule broken, naming the responder and topic, and the fix */
  public ResponderValidationException(String message) {
    super(message);
  }
}
