package io.karafka.testkit;

/**
 * A controller's {@code perform} that finished, as {@link KarafkaTestKit#performed()} lists it.
 *
 * @param topic the route topic
 * @param partition the partition
 * @param offset the offset of the (first) message
 * @param count how many messages it covered (more than one in batch mode)
 * @param inline true when performed in the consuming process, false when by a worker
 */
public record Performed(String topic, int partition, long offset, int count, boolean inline) {}
