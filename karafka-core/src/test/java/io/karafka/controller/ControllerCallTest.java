package io.karafka.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.job.Worker;
import io.karafka.message.Message;
import io.karafka.params.Params;
import io.karafka.params.RawParams;
import io.karafka.parse.Parser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a runtime binds and runs a controller, with no app and no static hook. */
class ControllerCallTest {
  private static final Parser TEXT = new Parser() {
    @Override
    public Object parse(byte[] payload) {
      return new String(payload, StandardCharsets.UTF_8);
    }

    @Override
    public byte[] generate(Object value) {
      return value.toString().getBytes(StandardCharsets.UTF_8);
    }
  };

  /** Records what happened to it in a list it is given, as an app injects a repository. */
  static final class Recording extends Controller {
    private final List<String> seen;

    @SuppressWarnings("this-escape")
    Recording(List<String> seen, boolean proceed) {
      this.seen = seen;
      beforeEnqueue(() -> seen.add("first callback"));
      beforeEnqueue(() -> proceed);
      beforeEnqueue(() -> seen.add("third callback"));
    }

    @Override
    protected void perform() {
      seen.add("perform " + topic() + " " + params().value());
      respondWith("done");
    }

    @Override
    protected void afterFailure(Throwable error) {
      seen.add("afterFailure " + error.getMessage());
    }

    void schedule(Instant when) {
      performAt(when);
    }

    List<Params> batch() {
      return paramsBatch();
    }
  }

  private static List<Params> params(String... values) {
    List<Params> all = new ArrayList<>();
    long offset = 0;
    for (String value : values) {
      all.add(Params.of(RawParams.of(new Message("t", 0, offset++, null,
          value.getBytes(StandardCharsets.UTF_8), List.of(), Instant.EPOCH, Instant.EPOCH)), TEXT,
          e -> { }));
    }
    return all;
  }

  @Test
  void runsCallbacksInOrderStopsAtTheFirstFalseAndPerformsWithItsResponses() throws Exception {
    List<String> seen = new ArrayList<>();
    List<Object> responses = new ArrayList<>();
    ControllerCall aborted = ControllerCall.bind(new Recording(seen, false), "orders",
        ControllerCall.Mode.INLINE, params("a"), Worker.named("W"), responses::add);
    ControllerCall call = ControllerCall.bind(new Recording(seen, true), "orders",
        ControllerCall.Mode.INLINE, params("b"), Worker.named("W"), responses::add);

    assertFalse(aborted.runCallbacks());
    assertTrue(call.runCallbacks());
    call.perform();
    call.afterFailure(new IllegalStateException("boom"));

    assertEquals(List.of("first callback", "first callback", "third callback",
        "perform orders b", "afterFailure boom"), seen);
    assertEquals(List.of("done"), responses);
  }

  @Test
  void aControllerIsBoundOnceSoAFactoryMustMakeANewOneEachTime() {
    Recording shared = new Recording(new ArrayList<>(), true);
    ControllerCall.bind(shared, "orders", ControllerCall.Mode.BACKGROUND, params("a"),
        Worker.named("W"), r -> { });

    ControllerException error = assertThrows(ControllerException.class, () ->
        ControllerCall.bind(shared, "orders", ControllerCall.Mode.BACKGROUND, params("b"),
            Worker.named("W"), r -> { }));
    assertEquals(Recording.class.getName() + " is bound already: a controller factory must"
        + " return a new instance on every call", error.getMessage());
  }

  @Test
  void anUnboundControllerSaysHowToTestIt() {
    Recording loose = new Recording(new ArrayList<>(), true);

    ControllerException error = assertThrows(ControllerException.class, loose::perform);
    assertEquals(Recording.class.getName() + " is not bound to a message: Karafka creates and"
        + " binds controllers (unit-test them through KarafkaTestKit)", error.getMessage());
  }

  @Test
  void theModeDecidesWhatTheControllerMayAskFor() {
    Recording batch = new Recording(new ArrayList<>(), true);
    ControllerCall.bind(batch, "orders", ControllerCall.Mode.INLINE_BATCH, params("a", "b"),
        Worker.named("W"), r -> { });
    Recording inline = new Recording(new ArrayList<>(), true);
    ControllerCall.bind(inline, "orders", ControllerCall.Mode.INLINE, params("a"),
        Worker.named("W"), r -> { });
    Recording background = new Recording(new ArrayList<>(), true);
    ControllerCall scheduled = ControllerCall.bind(background, "orders",
        ControllerCall.Mode.BACKGROUND, params("a"), Worker.named("W"), r -> { });

    assertEquals(2, batch.batch().size());
    assertEquals("route 'orders' is in batch mode: use paramsBatch() instead of params()",
        assertThrows(IllegalStateException.class, batch::perform).getMessage());
    assertEquals("route 'orders' is inline: it performs at once and cannot schedule; set"
        + " inlineMode(false) on it to use performAt", assertThrows(IllegalStateException.class,
        () -> inline.schedule(Instant.EPOCH)).getMessage());
    background.schedule(Instant.EPOCH);
    assertEquals(Instant.EPOCH, scheduled.performAt().orElseThrow());
    assertEquals(ControllerCall.Mode.INLINE_BATCH, ControllerCall.Mode.of(true, true));
    assertEquals(ControllerCall.Mode.BACKGROUND, ControllerCall.Mode.of(false, false));
  }

  @Test
  void aNullControllerIsNamedByItsRoute() {
    ControllerException error = assertThrows(ControllerException.class, () ->
        ControllerCall.bind(null, "orders", ControllerCall.Mode.BACKGROUND, params("a"),
            Worker.named("W"), r -> { }));
    assertEquals("the controller factory of route 'orders' returned null", error.getMessage());
  }
}
