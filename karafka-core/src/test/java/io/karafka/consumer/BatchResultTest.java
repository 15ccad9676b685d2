package io.karafka.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.karafka.message.Message;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchResultTest {
  private final Message seventh = new Message("orders", 0, 7, null, new byte[0], List.of(),
      Instant.EPOCH, Instant.EPOCH);

  @Test
  void aFailureCommitsTheFailedMessagesOwnOffsetSoItIsReadAgain() {
    BatchResult.Failed failed = BatchResult.Failed.at(seventh, new IllegalStateException("x"));

    assertEquals(7, failed.commitOffset());
    assertEquals("commitOffset 8 must be the failed message's offset 7, so that it is read"
        + " again", assertThrows(IllegalArgumentException.class, () ->
        new BatchResult.Failed(8, seventh, new IllegalStateException("x"))).getMessage());
  }
}
