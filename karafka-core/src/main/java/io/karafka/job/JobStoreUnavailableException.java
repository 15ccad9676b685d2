package io.karafka.job;

import io.karafka.KarafkaException;

/**
 * The job store cannot be reached or refused the operation. The consumer pauses and retries
 * instead of committing; workers back off and reconnect.
 */
public class JobStoreUnavailableException extends KarafkaException {
  /** @param message what failed, naming the store's address (password masked) */
  public JobStoreUnavailableException(String message) {
    super(message);
  }

  /**
   * @param message what failed, naming the store's address (password masked)
   * @param cause the driver's error
   */
  public JobStoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
