package io.karafka.testkit;

import io.karafka.controller.Controller;
import io.karafka.job.Worker;
import io.karafka.params.Params;
import io.karafka.producer.Partitioning;
import io.karafka.responder.Responder;
import io.karafka.responder.TopicOptions;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Controllers whose behaviour the payload picks: {@code ok}, {@code fail}, {@code fail-once},
 * {@code block}, {@code slow}, {@code respond}, {@code respond-then-fail}, {@code respond-bad}.
 */
public final class TestControllers {
  /** Released by tests to unblock {@code block} jobs. */
  public static volatile CountDownLatch gate = new CountDownLatch(1);

  private TestControllers() {}

  /** Logs perform and afterFailure; behaviour from the payload. */
  public static class EchoController extends Controller {
    /** No callbacks. */
    public EchoController() {}

    @Override
    protected void perform() throws Exception {
      Params p = params();
      String text = String.valueOf(p.value());
      Recorder.log("perform " + p.topic() + "@" + p.offset() + " " + text);
      switch (text) {
        case "fail" -> throw new IllegalStateException("boom at " + p.offset());
        case "block" -> gate.await();
        case "slow" -> Thread.sleep(100);
        case "respond" -> respondWith(text);
        case "respond-then-fail" -> {
          respondWith(text);
          throw new IllegalStateException("failed after responding");
        }
        case "respond-bad" -> respondWith(42);
        default -> { }
      }
    }

    @Override
    protected void afterFailure(Throwable error) {
      Recorder.log("afterFailure " + params().offset() + " " + error.getClass().getSimpleName());
    }
  }

  /** The responder found by name for {@link EchoController}. */
  public static class EchoResponder extends Responder<String> {
    /** Registers its topics. */
    public EchoResponder() {
      topic("echoed");
      topic("audit", TopicOptions.optional());
    }

    @Override
    protected void respond(String data) {
      respondTo("echoed", data, Partitioning.partition(3));
    }
  }

  /** Three callbacks: log, maybe abort ({@code skip}), maybe throw ({@code explode}). */
  public static class CallbackController extends Controller {
    static final Worker FAST = Worker.named("FastWorker").queue("critical").retry(1);

    /** Registers the callbacks. */
    public CallbackController() {
      beforeEnqueue(() -> {
        Recorder.log("first " + params().offset());
        params().put("stamped", "yes");
        return true;
      });
      beforeEnqueue(this::second);
      beforeEnqueue(() -> {
        Recorder.log("third " + params().offset());
        if (params().getBoolean("important")) {
          worker(FAST);
        }
        return true;
      });
    }

    private boolean second() {
      Recorder.log("second " + params().offset());
      if ("explode".equals(params().getString("action"))) {
        throw new IllegalArgumentException("callback exploded");
      }
      return !"skip".equals(params().getString("action"));
    }

    @Override
    protected void perform() {
      Recorder.log("perform " + params().offset() + " stamped=" + params().getString("stamped"));
    }
  }

  /** Schedules its perform an hour later. */
  public static class LaterController extends Controller {
    /** Schedules in a callback. */
    public LaterController() {
      beforeEnqueue(() -> {
        performAt(params().receivedAt().plus(java.time.Duration.ofHours(1)));
        return true;
      });
    }

    @Override
    protected void perform() {
      Recorder.log("later " + params().offset());
    }
  }

  /** Batch-mode controller: logs the offsets it got at once. */
  public static class BatchController extends Controller {
    /** No callbacks. */
    public BatchController() {}

    @Override
    protected void perform() {
      Recorder.log("batch " + paramsBatch().stream().map(p -> String.valueOf(p.offset()))
          .toList());
      try {
        params();
      } catch (IllegalStateException e) {
        Recorder.log(e.getMessage());
      }
    }
  }

  /** A controller with no responder that calls respondWith. */
  public static class LonelyController extends Controller {
    /** No callbacks. */
    public LonelyController() {}

    @Override
    protected void perform() {
      respondWith("anything");
    }
  }

  /** Blocks until released, for timeouts: must be interrupted. */
  static void awaitGate() throws InterruptedException {
    gate.await(1, TimeUnit.MINUTES);
  }
}
