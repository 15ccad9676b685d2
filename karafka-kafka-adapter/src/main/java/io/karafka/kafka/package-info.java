/**
 * The Kafka adapter, on kafka-clients: {@link io.karafka.kafka.KafkaMessageSource} (one consumer
 * per consumer group, per-partition ordering, commits after handling, retries and dead letters,
 * outages told once) and {@link io.karafka.kafka.KafkaProducerPool}.
 */
package io.karafka.kafka;
