package io.karafka.producer;

import java.util.Objects;

/**
 * Where an outgoing message goes within its topic: wherever the producer likes, a fixed
 * partition, or the partition a key hashes to (so messages with the same key stay together and in
 * order).
 */
public sealed interface Partitioning {
  /** @return let the producer choose */
  static Partitioning any() {
    return Any.INSTANCE;
  }

  /** @return always this partition (zero or more) */
  static Partitioning partition(int partition) {
    return new Partition(partition);
  }

  /** @return the partition this key hashes to; the key is also the record's key */
  static Partitioning key(String partitionKey) {
    return new Key(partitionKey);
  }

  /** The producer chooses. */
  enum Any implements Partitioning {
    /** The only value. */
    INSTANCE;

    @Override
    public String toString() {
      return "any partition";
    }
  }

  /**
   * A fixed partition.
   *
   * @param partition the partition number, zero or more
   */
  record Partition(int partition) implements Partitioning {
    /** Validates the number. */
    public Partition {
      if (partition < 0) {
        throw new IllegalArgumentException("partition must be >= 0, was " + partition);
      }
    }

    @Override
    public String toString() {
      return "partition " + partition;
    }
  }

  /**
   * A partition key.
   *
   * @param key the key, non-null
   */
  record Key(String key) implements Partitioning {
    /** Validates the key. */
    public Key {
      Objects.requireNonNull(key, "partition key");
    }

    @Override
    public String toString() {
      return "partition key '" + key + "'";
    }
  }
}
