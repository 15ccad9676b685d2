package io.karafka.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.karafka.app.KarafkaApp;
import io.karafka.consumer.BatchResult;
import io.karafka.producer.ProducerException;
import io.karafka.server.KarafkaServer;
import io.karafka.testkit.TestControllers.EchoController;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Inline mode sends the responses of a poll's messages without waiting for each, and commits
 * the poll only once Kafka acknowledged them all; a refused response fails its message.
 */
class InlineResponsesTest {
  private static final Duration LIMIT = Duration.ofSeconds(20);
  private final Recorder recorder = new Recorder();
  private final HeldProducer producer = new HeldProducer();
  private final InMemoryMessageSource source = new InMemoryMessageSource(Clock.systemUTC());

  private KarafkaServer server() {
    KarafkaApp app = TestApps.app(c -> c.inlineMode(true),
        r -> r.topic("echo").controller(() -> new EchoController(recorder)));
    KarafkaServer server = KarafkaServer.builder(app).source(source).producer(producer).build();
    server.start();
    return server;
  }

  private CompletableFuture<BatchResult> deliver(String... payloads) {
    List<TestMessage> messages = java.util.Arrays.stream(payloads).map(TestMessage::text)
        .toList();
    return CompletableFuture.supplyAsync(() -> source.deliver("echo", messages));
  }

  @Test
  void aPollsResponsesAreSentTogetherAndCommittedOnceAllAreAcknowledged() throws Exception {
    try (KarafkaServer server = server()) {
      CompletableFuture<BatchResult> result = deliver("respond", "respond", "respond");

      Await.within(LIMIT, "three sends before any acknowledgement",
          () -> producer.sends.size() == 3);
      assertFalse(result.isDone(), "the poll waits for the acknowledgements");
      producer.sends.forEach(ack -> ack.complete(null));

      assertEquals(new BatchResult.Handled(3), result.get(LIMIT.toSeconds(), TimeUnit.SECONDS));
      assertEquals(OptionalLong.of(3), source.committed("echo", 0));
    }
  }

  @Test
  void aRefusedResponseFailsItsMessageAndNothingFromItIsCommitted() throws Exception {
    try (KarafkaServer server = server()) {
      CompletableFuture<BatchResult> result = deliver("respond", "respond", "respond");
      Await.within(LIMIT, "three sends", () -> producer.sends.size() == 3);

      producer.sends.get(0).complete(null);
      producer.sends.get(1).completeExceptionally(new ProducerException("broker gone"));
      producer.sends.get(2).complete(null);

      BatchResult.Failed failed = assertInstanceOf(BatchResult.Failed.class,
          result.get(LIMIT.toSeconds(), TimeUnit.SECONDS));
      assertEquals(1, failed.commitOffset());
      assertEquals("broker gone", failed.error().getMessage());
      assertEquals(OptionalLong.of(1), source.committed("echo", 0));
    }
  }
}
