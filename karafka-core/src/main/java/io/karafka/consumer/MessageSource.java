package io.karafka.consumer;

import java.util.List;

/**
 * The consumer port: polls messages and feeds them, one partition's batch at a time and in
 * offset order, to a {@link BatchHandler}; commits only what the handler reports as safe. The
 * Kafka adapter implements it with one {@code KafkaConsumer} per consumer group; the test kit has
 * {@code InMemoryMessageSource}.
 *
 * <p>{@link #start} starts threads and returns; {@link #close} stops polling, waits for work in
 * flight, commits and returns. Both may be called from any thread.
 */
public interface MessageSource extends AutoCloseable {
  /**
   * @param subscriptions what to consume
   * @param handler where batches go
   */
  void start(List<Subscription> subscriptions, BatchHandler handler);

  /**
   * Registers who to tell when the source cannot go on (say, a consumer thread died of an error
   * it cannot retry). {@code KarafkaServer} registers itself before {@link #start} and then
   * stops, so a process never keeps running with a dead consumer. The default ignores it, for
   * sources that cannot fail that way.
   *
   * @param listener called at most once, from the source's own thread
   */
  default void onFatalError(java.util.function.Consumer<Throwable> listener) {
  }

  /**
   * @return whether every consumer group of the source has partitions assigned, i.e. it
   *     consumes; false while it is still connecting. The default says true, for sources that
   *     need no connection.
   */
  default boolean assigned() {
    return true;
  }

  /**
   * @return each consumer group's poll loop, for health checks (a loop that has not come back
   *     within its {@code maxPollInterval} makes the process unhealthy); the default says
   *     nothing, for sources without groups
   */
  default List<GroupStatus> groups() {
    return List.of();
  }

  /** Stops consuming; commits what was handled. */
  @Override
  void close();
}
