/**
 * A consumed Kafka record as the framework sees it: {@link io.karafka.message.Message} (topic,
 * partition, offset, key, payload bytes, {@link io.karafka.message.Header}s, timestamps).
 */
package io.karafka.message;
