package io.karafka.kafka;

/**
 * Reported to the monitor (in an {@code ErrorOccurred} event) when a consumer has not been a
 * member of its consumer group for a whole {@code kafka.sessionTimeout}: the brokers are
 * unreachable, or they refuse this client (TLS, SASL, ACLs). The consumer keeps trying, and
 * consumes as soon as it gets in; kafka-clients' own log says why it could not.
 */
public final class KafkaUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message what is wrong and what to check */
  public KafkaUnavailableException(String message) {
    super(message);
  }
}
