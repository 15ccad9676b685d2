package io.karafka.job;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Job ids derived from message coordinates: the same message (or batch) consumed twice, after a
 * crash or a rebalance, gives the same id, and job stores ignore an id they already hold. Ids are
 * 24 lowercase hex characters, like Sidekiq's {@code jid}.
 */
public final class JobId {
  private JobId() {}

  /** @return the id of the job for one message */
  public static String of(String group, String topic, int partition, long offset) {
    return hash(group + "/" + topic + "/" + partition + "/" + offset);
  }

  /** @return the id of the job for a batch of messages from first to last offset */
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
