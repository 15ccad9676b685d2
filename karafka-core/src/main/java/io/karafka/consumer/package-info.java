/**
 * The consumer port: a {@link io.karafka.consumer.MessageSource} (the Kafka adapter's, or the
 * test kit's in-memory one) feeds {@link io.karafka.consumer.Batch}es of one partition to a
 * {@link io.karafka.consumer.BatchHandler} and commits only what its
 * {@link io.karafka.consumer.BatchResult} says is safe.
 */
package io.karafka.consumer;
