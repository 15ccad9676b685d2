package io.karafka.kafka;

import io.karafka.app.ConnectionPoolSettings;
import io.karafka.app.KafkaSettings;
import io.karafka.app.KarafkaApp;
import io.karafka.message.Header;
import io.karafka.monitor.Dependency;
import io.karafka.producer.OutgoingMessage;
import io.karafka.producer.Partitioning;
import io.karafka.producer.ProducerException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * The {@link io.karafka.producer.Producer} on Kafka: up to {@code connectionPool.size} idempotent
 * {@code KafkaProducer}s ({@code acks=all}), created on first use and lent to a response only
 * while its records are queued (they are thread-safe), so responses of many threads share
 * batches and no thread holds a producer for a round trip; waiting for a free one longer than
 * {@code connectionPool.timeout} fails. {@link #send} returns when Kafka acknowledged every
 * message. A partition key becomes the record key, so Kafka's
 * partitioner keeps equal keys on one partition.
 *
 * <pre>{@code
 * try (KafkaProducerPool producer = new KafkaProducerPool(app)) {
 *   KarafkaServer.builder(app).source(new KafkaMessageSource(app)).producer(producer)...
 * }
 * }</pre>
 *
 * Thread-safe.
 */
public final class KafkaProducerPool implements io.karafka.producer.Producer {
  private final KafkaSettings kafka;
  private final ConnectionPoolSettings pool;
  private final String clientId;
  private final Function<Map<String, Object>, Producer<byte[], byte[]>> producers;
  private final LinkedBlockingQueue<Producer<byte[], byte[]>> idle =
      new LinkedBlockingQueue<>();
  private final List<Producer<byte[], byte[]>> all = new ArrayList<>();
  private final AtomicInteger created = new AtomicInteger();
  private final AtomicBoolean closed = new AtomicBoolean();
  /** The brokers as the producer sees them; null when built without an app. */
  private final Dependency state;

  /**
   * @param app whose {@code kafka} and {@code connectionPool} settings apply; Kafka outages seen
   *     by sends are told to its monitor once (dependency {@code "kafka producer"})
   */
  public KafkaProducerPool(KarafkaApp app) {
    this(app, KafkaProducer::new);
  }

  /**
   * As {@link #KafkaProducerPool(KarafkaApp)}, creating each producer with a factory.
   *
   * @param app whose settings apply
   * @param producers creates a producer from its properties (to decorate or replace
   *     {@code KafkaProducer}, e.g. to bind its metrics); closed by the pool
   */
  public KafkaProducerPool(KarafkaApp app,
                           Function<Map<String, Object>, Producer<byte[], byte[]>> producers) {
    this(app.config().kafka(), app.config().connectionPool(), app.name() + "-producer",
        app.dependencies().track("kafka producer", String.join(",",
            app.config().kafka().hosts()), "responses are not sent; their messages and jobs are"
            + " retried"), producers);
  }

  /**
   * @param kafka connection settings
   * @param pool pool size and borrow timeout
   * @param clientId prefix of the producers' client ids
   */
  public KafkaProducerPool(KafkaSettings kafka, ConnectionPoolSettings pool, String clientId) {
    this(kafka, pool, clientId, null, KafkaProducer::new);
  }

  private KafkaProducerPool(KafkaSettings kafka, ConnectionPoolSettings pool, String clientId,
                            Dependency state,
                            Function<Map<String, Object>, Producer<byte[], byte[]>> producers) {
    this.state = state;
    this.producers = Objects.requireNonNull(producers, "producers");
    this.kafka = Objects.requireNonNull(kafka, "kafka");
    this.pool = Objects.requireNonNull(pool, "pool");
    this.clientId = Objects.requireNonNull(clientId, "clientId");
    KafkaClientProperties.producer(kafka, clientId);
  }

  @Override
  public void send(List<OutgoingMessage> messages) {
    try {
      sendAsync(messages).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProducerException("interrupted while sending to Kafka", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof ProducerException p ? p
          : new ProducerException("could not send to Kafka: " + e.getCause(), e.getCause());
    }
  }

  /**
   * Queues the records on a pooled producer, hands it back at once (KafkaProducer is
   * thread-safe) and completes when Kafka acknowledged every one; on Kafka's I/O thread.
   */
  @Override
  public CompletableFuture<Void> sendAsync(List<OutgoingMessage> messages) {
    if (messages.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> acked = new CompletableFuture<>();
    AtomicInteger left = new AtomicInteger(messages.size());
    try {
      Producer<byte[], byte[]> producer = borrow();
      try {
        for (OutgoingMessage message : messages) {
          producer.send(record(message), (metadata, error) -> {
            if (error != null) {
              acked.completeExceptionally(new ProducerException("Kafka did not acknowledge a"
                  + " message to topic '" + message.topic() + "': " + error, error));
            } else if (left.decrementAndGet() == 0) {
              acked.complete(null);
            }
          });
        }
      } finally {
        // hand it back once the records are queued, not after the round trip, so other
        // threads' records join the same batches instead of waiting for a producer
        idle.add(producer);
      }
    } catch (RuntimeException e) {
      acked.completeExceptionally(e instanceof ProducerException p ? p
          : new ProducerException("could not send to Kafka: " + e, e));
    }
    return acked.whenComplete((ignored, error) -> {
      if (state == null) {
        return;
      }
      if (error == null) {
        state.succeeded();
      } else if (error instanceof ProducerException p && outage(p)) {
        state.failed(p);
      }
    });
  }

  /** @return whether Kafka could not be reached (not: the message itself was refused) */
  private static boolean outage(ProducerException error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof org.apache.kafka.common.errors.TimeoutException
          || t instanceof org.apache.kafka.common.errors.AuthenticationException
          || t instanceof org.apache.kafka.common.errors.NetworkException
          || t instanceof org.apache.kafka.common.errors.NotEnoughReplicasException) {
        return true;
      }
    }
    return false;
  }

  static ProducerRecord<byte[], byte[]> record(OutgoingMessage message) {
    Integer partition = null;
    byte[] key = null;
    switch (message.partitioning()) {
      case Partitioning.Any any -> { }
      case Partitioning.Partition p -> partition = p.partition();
      case Partitioning.Key k -> key = k.key().getBytes(StandardCharsets.UTF_8);
    }
    List<org.apache.kafka.common.header.Header> headers = new ArrayList<>();
    for (Header h : message.headers()) {
      headers.add(new RecordHeader(h.key(), h.value()));
    }
    return new ProducerRecord<>(message.topic(), partition, null, key, message.payload(),
        headers);
  }

  private Producer<byte[], byte[]> borrow() {
    if (closed.get()) {
      throw new ProducerException("the producer pool is closed");
    }
    Producer<byte[], byte[]> producer = idle.poll();
    if (producer != null) {
      return producer;
    }
    if (created.getAndIncrement() < pool.size()) {
      Map<String, Object> props = KafkaClientProperties.producer(kafka, clientId + "-"
          + created.get());
      Producer<byte[], byte[]> fresh = producers.apply(props);
      synchronized (all) {
        all.add(fresh);
      }
      return fresh;
    }
    created.decrementAndGet();
    try {
      producer = idle.poll(pool.timeout().toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProducerException("interrupted while waiting for a free producer", e);
    }
    if (producer == null) {
      throw new ProducerException("no producer became free within " + pool.timeout()
          + " (connectionPool.size " + pool.size() + "); raise connectionPool.size or"
          + " connectionPool.timeout");
    }
    return producer;
  }

  /** Flushes and closes every producer. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    synchronized (all) {
      for (Producer<byte[], byte[]> producer : all) {
        producer.flush();
        producer.close(Duration.ofSeconds(30));
      }
    }
  }
}
