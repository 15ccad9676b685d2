package io.karafka.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.app.KafkaSettings;
import io.karafka.consumer.Batch;
import io.karafka.consumer.BatchResult;
import io.karafka.job.JobStoreUnavailableException;
import io.karafka.message.Message;
import io.karafka.testkit.MutableClock;
import io.karafka.testkit.TestMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The offset and retry bookkeeping, without a broker, on a clock the test moves. */
class LedgerTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final PartitionState state = new PartitionState(new TopicPartition("orders", 0));

  private Ledger ledger(boolean batchMode, boolean deadLetters,
                        Consumer<KafkaSettings.Builder> settings) {
    return new Ledger(KafkaClientPropertiesTest.kafka(k -> {
      k.hosts("a:9092").retryBackoff(Duration.ofSeconds(1))
          .maxRetryBackoff(Duration.ofSeconds(5)).maxAttempts(3)
          .offsetCommitInterval(Duration.ofSeconds(10));
      settings.accept(k);
    }), batchMode, deadLetters, clock);
  }

  private static Batch batch(long first, int count) {
    List<Message> messages = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      messages.add(TestMessage.text("m" + (first + i)).toMessage("orders", first + i,
          Instant.EPOCH));
    }
    return new Batch("g", "orders", 0, messages, "id-1");
  }

  private static BatchResult.Failed failedAt(Batch batch, long offset, RuntimeException error) {
    Message message = batch.messages().stream().filter(m -> m.offset() == offset).findFirst()
        .orElseThrow();
    return new BatchResult.Failed(offset, message, error);
  }

  @Test
  void aFailureIsRetriedWithADoublingBackOffCappedAtTheMaximum() {
    Ledger ledger = ledger(false, false, k -> { });
    Batch batch = batch(10, 3);
    List<Duration> waits = new ArrayList<>();
    for (int attempt = 0; attempt < 5; attempt++) {
      Ledger.Decision.Retry retry = assertInstanceOf(Ledger.Decision.Retry.class,
          ledger.failed(state, batch, failedAt(batch, 11, new IllegalStateException("x")),
              false));
      assertEquals(11, retry.offset());
      waits.add(Duration.between(clock.instant(), retry.at()));
      assertTrue(state.blocked());
      assertEquals(List.of(), ledger.dueRetries(List.of(state)), "not before its time");
      clock.advance(Duration.between(clock.instant(), retry.at()));
      assertEquals(List.of(state), ledger.dueRetries(List.of(state)));
    }
    assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
        Duration.ofSeconds(5), Duration.ofSeconds(5)), waits);
    assertEquals(11, state.committable, "what came before the failure may be committed");
  }

  @Test
  void afterMaxAttemptsTheFailedMessageGoesToTheDeadLetterTopicAndTheRestGoesOn() {
    Ledger ledger = ledger(false, true, k -> { });
    Batch batch = batch(10, 3);
    BatchResult.Failed failed = failedAt(batch, 11, new IllegalStateException("x"));
    ledger.failed(state, batch, failed, false);
    ledger.failed(state, batch, failed, false);

    Ledger.Decision.DeadLetter dead = assertInstanceOf(Ledger.Decision.DeadLetter.class,
        ledger.failed(state, batch, failed, false));

    assertEquals(List.of(11L), dead.messages().stream().map(Message::offset).toList());
    assertEquals(3, dead.attempts());
    assertEquals(12, dead.next());
    assertTrue(state.blocked(), "waits for the dead letter");
    ledger.deadLettered(state, batch, dead.next());
    assertEquals(12, state.committable);
    assertEquals(0, state.attempts);
    assertTrue(!state.deadLettering);
  }

  @Test
  void inBatchModeTheFailedMessageAndTheRestOfItsBatchAreDeadLettered() {
    Ledger ledger = ledger(true, true, k -> k.maxAttempts(1));
    Batch batch = batch(10, 4);

    Ledger.Decision.DeadLetter dead = assertInstanceOf(Ledger.Decision.DeadLetter.class,
        ledger.failed(state, batch, failedAt(batch, 11, new IllegalStateException("x")), false));

    assertEquals(List.of(11L, 12L, 13L), dead.messages().stream().map(Message::offset).toList());
    assertEquals(14, dead.next());
  }

  @Test
  void aJobStoreOutageIsRetriedForeverNeverDeadLettered() {
    Ledger ledger = ledger(false, true, k -> k.maxAttempts(1));
    Batch batch = batch(0, 1);
    for (int attempt = 0; attempt < 10; attempt++) {
      assertInstanceOf(Ledger.Decision.Retry.class, ledger.failed(state, batch,
          failedAt(batch, 0, new JobStoreUnavailableException("redis down")), false));
    }
    assertEquals(10, state.attempts);
  }

  @Test
  void aFailedDeadLetterIsRetriedAndHandlingPastTheFailureForgetsIt() {
    Ledger ledger = ledger(false, true, k -> k.maxAttempts(1));
    Batch batch = batch(5, 1);
    ledger.failed(state, batch, failedAt(batch, 5, new IllegalStateException("x")), false);

    Ledger.Decision.Retry retry = ledger.deadLetterFailed(state);

    assertEquals(5, retry.offset());
    assertTrue(!state.deadLettering);
    ledger.handled(state, batch(5, 2), 7);
    assertEquals(-1, state.failedOffset);
    assertEquals(0, state.attempts);
    assertEquals(7, state.committable);
  }

  @Test
  void givingUpAPartitionRecordsWhatWasHandledAndDecidesNothing() {
    Ledger ledger = ledger(false, true, k -> { });
    Batch batch = batch(20, 5);

    assertNull(ledger.failed(state, batch, failedAt(batch, 23, new IllegalStateException("x")),
        true));

    assertEquals(23, state.committable);
    assertTrue(!state.blocked());
  }

  @Test
  void commitsAreDueByIntervalOrThresholdAndOnlyForWhatChanged() {
    Ledger ledger = ledger(false, false, k -> k.offsetCommitThreshold(100));
    ledger.handled(state, batch(0, 10), 10);
    assertEquals(Map.of(), ledger.commitIfDue(List.of(state)), "neither due yet");

    clock.advance(Duration.ofSeconds(10));
    assertEquals(Map.of(state.tp, new OffsetAndMetadata(10, "karafka:topic-id=id-1")),
        ledger.commitIfDue(List.of(state)));
    clock.advance(Duration.ofSeconds(10));
    assertEquals(Map.of(), ledger.commitIfDue(List.of(state)), "nothing new to commit");

    ledger.handled(state, batch(10, 100), 110);
    assertEquals(Map.of(state.tp, new OffsetAndMetadata(110, "karafka:topic-id=id-1")),
        ledger.commitIfDue(List.of(state)), "100 handled: due before the interval");
  }
}
