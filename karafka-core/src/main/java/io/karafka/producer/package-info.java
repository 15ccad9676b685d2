/**
 * The {@link io.karafka.producer.Producer} port: sends {@link io.karafka.producer.OutgoingMessage}s
 * with a {@link io.karafka.producer.Partitioning} (any, a partition, or a key).
 */
package io.karafka.producer;
