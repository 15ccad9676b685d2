package io.karafka.job;

import io.karafka.KarafkaException;

/** A job's perform ran longer than its worker's timeout; it counts as a failure. */
public class JobTimeoutException extends KarafkaException {
  /** @param message which job, which worker, which limit */
  public JobTimeoutException(String message) {
    super(message);
  }
}
