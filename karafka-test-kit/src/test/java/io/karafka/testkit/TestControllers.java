package io.karafka.testkit;

import io.karafka.controller.Controller;
import io.karafka.job.Worker;
import io.karafka.params.Params;
import io.karafka.producer.Partitioning;
import io.karafka.responder.Responder;
import io.karafka.responder.TopicOptions;
import java.util.concurrent.CountDownLatch;

/**
 * Controllers whose behaviour the payload picks: {@code ok}, {@code fail}, {@code fail-once},
 * {@code block}, {@code slow}, {@code respond}, {@code respond-then-fail}, {@code respond-bad}.
 * They log to the {@link Recorder} their route's factory gives them.
 */
public final class TestControllers {
  private TestControllers() {}

  /** Logs perform and afterFailure; behaviour from the payload. */
  public static class EchoController extends Controller {
    private final Recorder recorder;
    private final CountDownLatch gate;

    /** @param recorder where to log; {@code block} blocks until interrupted */
    public EchoController(Recorder recorder) {
      this(recorder, new CountDownLatch(1));
    }

    /**
     * @param recorder where to log
     * @param gate released by the test to unblock {@code block} jobs
     */
    public EchoController(Recorder recorder, CountDownLatch gate) {
      this.recorder = recorder;
      this.gate = gate;
    }

    @Override
    protected void perform() throws Exception {
      Params p = params();
      String text = String.valueOf(p.value());
      recorder.log("perform " + p.topic() + "@" + p.offset() + " " + text);
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
      recorder.log("afterFailure " + params().offset() + " " + error.getClass().getSimpleName());
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
    private final Recorder recorder;

    /** Registers the callbacks. @param recorder where to log */
    public CallbackController(Recorder recorder) {
      this.recorder = recorder;
      beforeEnqueue(() -> {
        recorder.log("first " + params().offset());
        params().put("stamped", "yes");
        return true;
      });
      beforeEnqueue(this::second);
      beforeEnqueue(() -> {
        recorder.log("third " + params().offset());
        if (params().getBoolean("important")) {
          worker(FAST);
        }
        return true;
      });
    }

    private boolean second() {
      recorder.log("second " + params().offset());
      if ("explode".equals(params().getString("action"))) {
        throw new IllegalArgumentException("callback exploded");
      }
      return !"skip".equals(params().getString("action"));
    }

    @Override
    protected void perform() {
      recorder.log("perform " + params().offset() + " stamped=" + params().getString("stamped"));
    }
  }

  /** Schedules its perform an hour later. */
  public static class LaterController extends Controller {
    private final Recorder recorder;

    /** Schedules in a callback. @param recorder where to log */
    public LaterController(Recorder recorder) {
      this.recorder = recorder;
      beforeEnqueue(() -> {
        performAt(params().receivedAt().plus(java.time.Duration.ofHours(1)));
        return true;
      });
    }

    @Override
    protected void perform() {
      recorder.log("later " + params().offset());
    }
  }

  /** Batch-mode controller: logs the offsets it got at once. */
  public static class BatchController extends Controller {
    private final Recorder recorder;

    /** No callbacks. @param recorder where to log */
    public BatchController(Recorder recorder) {
      this.recorder = recorder;
    }

    @Override
    protected void perform() {
      recorder.log("batch " + paramsBatch().stream().map(p -> String.valueOf(p.offset()))
          .toList());
      try {
        params();
      } catch (IllegalStateException e) {
        recorder.log(e.getMessage());
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
}
