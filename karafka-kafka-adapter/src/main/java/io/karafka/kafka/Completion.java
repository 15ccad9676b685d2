package io.karafka.kafka;

import io.karafka.consumer.Batch;
import io.karafka.consumer.BatchResult;

/**
 * What a pool thread hands back to a group's poll thread: a handled batch's result, or the
 * outcome of publishing dead letters.
 *
 * @param state the partition
 * @param batch the batch
 * @param result what the handler reported
 * @param error why the dead letters could not be published; null otherwise
 * @param deadLettered where the partition goes on after its dead letters; null for a handled
 *     batch
 */
record Completion(PartitionState state, Batch batch, BatchResult result, Throwable error,
                  Long deadLettered) {}
