package io.karafka.job;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Job ids derived from what a message is: 24 lowercase hex characters (the first 12 bytes of a
 * SHA-256), like Sidekiq's {@code jid}.
 *
 * <p>The rule: the id of a message's job hashes its coordinates (group, topic, partition,
 * offset) <em>and its incarnation</em>: the Kafka topic id (empty when unknown) and the record's
 * timestamp in epoch milliseconds. The same message consumed twice, after a crash or a
 * rebalance, keeps all of these, so it gets the same id, and a store that still holds the job
 * ignores it. A new message at a reused offset (the topic deleted and recreated, a second
 * cluster or environment sharing one store) has another topic id or practically never the same
 * timestamp, so it is never taken for the old one.
 *
 * <p>Ids only dedup while a store holds the job; once it completed, a message consumed again is
 * recognised by the store's per-partition watermark instead ({@link ConsumedJobs}).
 *
 * <pre>{@code
 * String id = JobId.of("app_users", "users", 0, 41, "Yx2_uHZ1Qd6d3OPzTk0cTw",
 *     message.timestamp());
 * }</pre>
 *
 * Stateless and thread-safe.
 */
public final class JobId {
  private JobId() {}

  /**
   * The id of the job for one consumed message.
   *
   * @param topicId the Kafka topic id, or {@code ""} when unknown
   * @param timestamp the record's timestamp as Kafka gave it
   * @return 24 lowercase hex characters
   */
  public static String of(String group, String topic, int partition, long offset,
                          String topicId, Instant timestamp) {
    Objects.requireNonNull(topicId, "topicId");
    return hash(group + "/" + topic + "/" + partition + "/" + offset + "/" + topicId + "@"
        + timestamp.toEpochMilli());
  }

  /**
   * The id of the job for a batch of consumed messages, from the first to the last; a batch of
   * one message has that message's id.
   *
   * @param topicId the Kafka topic id, or {@code ""} when unknown
   * @param firstTimestamp the first record's timestamp
   * @param lastTimestamp the last record's timestamp
   * @return 24 lowercase hex characters
   */
  public static String ofBatch(String group, String topic, int partition, long firstOffset,
                               long lastOffset, String topicId, Instant firstTimestamp,
                               Instant lastTimestamp) {
    if (firstOffset == lastOffset) {
      return of(group, topic, partition, firstOffset, topicId, firstTimestamp);
    }
    Objects.requireNonNull(topicId, "topicId");
    return hash(group + "/" + topic + "/" + partition + "/" + firstOffset + "-" + lastOffset
        + "/" + topicId + "@" + firstTimestamp.toEpochMilli() + "-"
        + lastTimestamp.toEpochMilli());
  }

  /**
   * An id from coordinates only, for jobs that do not come from a consumed message (e.g. an
   * order id). It does not tell one incarnation of a topic from another: the dispatcher uses
   * {@link #of(String, String, int, long, String, Instant)}.
   *
   * @return 24 lowercase hex characters
   */
  public static String of(String group, String topic, int partition, long offset) {
    return hash(group + "/" + topic + "/" + partition + "/" + offset);
  }

  /**
   * An id for a range of coordinates only; see {@link #of(String, String, int, long)}.
   *
   * @return 24 lowercase hex characters
   */
  public static String ofBatch(String group, String topic, int partition, long firstOffset,
                               long lastOffset) {
    return firstOffset == lastOffset ? of(group, topic, partition, firstOffset)
        : hash(group + "/" + topic + "/" + partition + "/" + firstOffset + "-" + lastOffset);
  }

  private static String hash(String coordinates) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(coordinates.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }
}
