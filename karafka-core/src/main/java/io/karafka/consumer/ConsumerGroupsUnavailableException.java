package io.karafka.consumer;

import io.karafka.KarafkaException;

/** The cluster did not answer {@link ConsumerGroups#describe} in time, or refused it. */
public class ConsumerGroupsUnavailableException extends KarafkaException {
  /**
   * @param message what failed, naming the cluster's address
   * @param cause the client's error
   */
  public ConsumerGroupsUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
