package io.karafka.consumer;

import io.karafka.message.Message;
import java.util.Objects;

/**
 * What the dispatcher did with a {@link Batch}: the offset now safe to commit, and the failure
 * that stopped it, if any. Offsets follow Kafka's rule: commit the offset of the next message to
 * read.
 */
public sealed interface BatchResult {
  /** @return the offset to commit for this partition (the next one to read) */
  long commitOffset();

  /**
   * Every message was performed, durably enqueued, or aborted by a callback.
   *
   * @param commitOffset last offset + 1
   */
  record Handled(long commitOffset) implements BatchResult {}

  /**
   * Messages before {@code failed} were handled; {@code failed} and the rest were not. The source
   * must deliver {@code failed} again (after a back-off, or to a dead-letter topic), never skip it
   * silently.
   *
   * @param commitOffset the offset to commit: the failed message's own (Kafka commits the next
   *     offset to read, and the failed message must be read again), equal to
   *     {@code failed.offset()}
   * @param failed the message that failed (first of its batch, in batch mode)
   * @param error what was thrown
   */
  record Failed(long commitOffset, Message failed, Throwable error) implements BatchResult {
    /** Validates. */
    public Failed {
      Objects.requireNonNull(failed, "failed");
      Objects.requireNonNull(error, "error");
      if (commitOffset != failed.offset()) {
        throw new IllegalArgumentException("commitOffset " + commitOffset + " must be the failed"
            + " message's offset " + failed.offset() + ", so that it is read again");
      }
    }

    /** @return a failure at this message: its own offset is the one to commit */
    public static Failed at(Message failed, Throwable error) {
      return new Failed(Objects.requireNonNull(failed, "failed").offset(), failed, error);
    }
  }
}
