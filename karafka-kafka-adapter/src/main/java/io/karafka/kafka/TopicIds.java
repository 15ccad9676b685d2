package io.karafka.kafka;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsResult;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Kafka's ids of the consumed topics, which tell one incarnation of a topic from the next (a
 * topic deleted and recreated gets a new id), for {@link io.karafka.consumer.Batch#topicId()}:
 * job ids and the job store's dedup watermarks depend on them, and so does the choice not to
 * resume from an offset committed for an earlier incarnation ({@link StaleOffsets}).
 *
 * <p>One {@link Admin} per {@link KafkaMessageSource}. Ids are looked up when partitions are
 * assigned, and when a partition's offsets go back (a retry seeks back, or the topic was recreated
 * under the consumer and its position reset); an id still unknown is looked up again at most every
 * {@link #RETRY_UNKNOWN}. Each lookup blocks its caller (a poll thread) for at most {@link #WAIT}.
 * A failure keeps what was known ({@code ""} when nothing was: the store then dedups by job id
 * only, never taking a message for a duplicate), but for "unknown topic", which forgets the id; it
 * is logged at DEBUG and never fatal.
 * Thread-safe.
 */
final class TopicIds implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(2);
  static final Duration RETRY_UNKNOWN = Duration.ofSeconds(30);
  private static final System.Logger LOG = System.getLogger(TopicIds.class.getName());

  /** Null when it could not be created: every id is then unknown. */
  private final Admin admin;
  private final Map<String, Known> ids = new ConcurrentHashMap<>();
  /** When (nanoTime) each topic was last looked up. */
  private final Map<String, Long> attempts = new ConcurrentHashMap<>();

  private TopicIds(Admin admin) {
    this.admin = admin;
  }

  /** @param properties client properties for an {@link Admin} on the consumers' cluster */
  static TopicIds create(Map<String, Object> properties) {
    try {
      return new TopicIds(Admin.create(properties));
    } catch (KafkaException e) {
      LOG.log(Level.DEBUG, "no admin client to look up topic ids (jobs get ids without them,"
          + " and the job store dedups by id only): {0}", e.toString());
      return new TopicIds(null);
    }
  }

  /**
   * Looks the topics' ids up now, waiting at most {@link #WAIT}.
   *
   * @return the ids this lookup told within the wait, by topic (none when it failed)
   */
  Map<String, String> refresh(Collection<String> topics) {
    if (admin == null || topics.isEmpty()) {
      return Map.of();
    }
    long attempt = System.nanoTime();
    Set<String> names = Set.copyOf(topics);
    names.forEach(topic -> attempts.put(topic, attempt));
    DescribeTopicsResult result;
    try {
      result = admin.describeTopics(names, new DescribeTopicsOptions()
          .timeoutMs((int) WAIT.toMillis()));
    } catch (KafkaException e) {
      LOG.log(Level.DEBUG, "could not look up the ids of topics {0}: {1}", names, e.toString());
      return Map.of();
    }
    // an answer that comes after the wait still counts, unless a later lookup answered first
    result.topicNameValues().forEach((topic, future) -> future.whenComplete((described, error) -> {
      if (described != null) {
        learn(topic, described, attempt);
      } else if ((error instanceof java.util.concurrent.CompletionException
          ? error.getCause() : error) instanceof UnknownTopicOrPartitionException) {
        forget(topic, attempt); // the incarnation we knew is gone: better none than a stale one
      }
    }));
    Map<String, String> told = new HashMap<>();
    try {
      result.allTopicNames().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      result.topicNameValues().forEach((topic, future) -> learnNow(topic, future, attempt)
          .ifPresent(id -> told.put(topic, id)));
    } catch (ExecutionException | TimeoutException e) {
      LOG.log(Level.DEBUG, "could not look up the ids of topics {0}: {1}", names,
          e instanceof ExecutionException ? e.getCause().toString() : "no answer within " + WAIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return told;
  }

  /**
   * @return the topic's id, or {@code ""} when unknown (then looked up at once, waiting at most
   *     {@link #WAIT}, if the last attempt is {@link #RETRY_UNKNOWN} ago)
   */
  String get(String topic) {
    Known known = ids.get(topic);
    if (known == null && admin != null) {
      Long last = attempts.get(topic);
      if (last == null || System.nanoTime() - last >= RETRY_UNKNOWN.toNanos()) {
        refresh(List.of(topic));
        known = ids.get(topic);
      }
    }
    return known == null ? "" : known.id();
  }

  private Optional<String> learnNow(String topic, KafkaFuture<TopicDescription> future,
                                    long attempt) {
    try {
      return learn(topic, future.get(), attempt);
    } catch (ExecutionException | InterruptedException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return Optional.empty();
    }
  }

  private Optional<String> learn(String topic, TopicDescription described, long attempt) {
    Uuid id = described.topicId();
    if (id == null || Uuid.ZERO_UUID.equals(id)) {
      return Optional.empty();
    }
    ids.merge(topic, new Known(id.toString(), attempt),
        (old, now) -> now.attempt() - old.attempt() >= 0 ? now : old);
    return Optional.of(id.toString());
  }

  private void forget(String topic, long attempt) {
    ids.computeIfPresent(topic, (name, old) -> attempt - old.attempt() >= 0 ? null : old);
  }

  @Override
  public void close() {
    if (admin != null) {
      try {
        admin.close(Duration.ofSeconds(5));
      } catch (RuntimeException e) {
        LOG.log(Level.DEBUG, "closing the topic id admin client failed: {0}", e.toString());
      }
    }
  }

  /** A topic's id and the lookup that told it. */
  private record Known(String id, long attempt) {}
}
