package io.karafka.kafka;

/**
 * Why a consumer group counts as cut off from Kafka: it has not been a member of its group, or
 * has had no answer from the brokers, for a whole {@code kafka.sessionTimeout} (the brokers are
 * unreachable or stopped, or they refuse this client: TLS, SASL, ACLs). Reported to the monitor
 * in a {@code DependencyDown} event; the consumer keeps trying and a {@code DependencyRecovered}
 * event follows when Kafka answers again.
 */
public final class KafkaUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message what is wrong and what to check */
  public KafkaUnavailableException(String message) {
    super(message);
  }
}
