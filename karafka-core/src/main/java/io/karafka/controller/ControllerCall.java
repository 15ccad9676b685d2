package io.karafka.controller;

import io.karafka.job.Worker;
import io.karafka.params.Params;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One controller bound to one message or batch: how a runtime (Karafka's server, its worker,
 * an inline job queue) runs the controller's callbacks, {@code perform} and
 * {@code afterFailure}. Applications do not need it; a runtime author does.
 *
 * <pre>{@code
 * ControllerCall call = ControllerCall.bind(new OrdersController(repository), "orders",
 *     ControllerCall.Mode.BACKGROUND, List.of(params), route.worker(), responses::add);
 * if (call.runCallbacks()) {
 *   call.perform();
 * }
 * }</pre>
 *
 * Not thread-safe: one call runs on one thread at a time.
 */
public final class ControllerCall {
  private final Controller controller;
  private final MessageContext context;

  private ControllerCall(Controller controller, MessageContext context) {
    this.controller = controller;
    this.context = context;
  }

  /** How the route runs its controllers. */
  public enum Mode {
    /** one message per call, performed in a background worker */
    BACKGROUND(false, false),
    /** one message per call, performed in the consuming process */
    INLINE(true, false),
    /** a partition's poll per call, performed in a background worker */
    BACKGROUND_BATCH(false, true),
    /** a partition's poll per call, performed in the consuming process */
    INLINE_BATCH(true, true);

    private final boolean inline;
    private final boolean batch;

    Mode(boolean inline, boolean batch) {
      this.inline = inline;
      this.batch = batch;
    }

    /** @return the mode of a route with these flags */
    public static Mode of(boolean inline, boolean batch) {
      return inline ? (batch ? INLINE_BATCH : INLINE) : (batch ? BACKGROUND_BATCH : BACKGROUND);
    }
  }

  /**
   * Binds a new controller to its message or batch.
   *
   * @param controller a new instance, never bound before
   * @param topic the route's topic (the application's name for it)
   * @param mode how the route runs
   * @param params one entry, or a batch's entries in offset order
   * @param worker the worker the message is enqueued with unless a callback chooses another
   * @param responses takes each {@code respondWith} argument
   * @throws ControllerException when the controller is null or bound already (a factory that
   *     returns the same instance twice)
   */
  public static ControllerCall bind(Controller controller, String topic, Mode mode,
                                    List<Params> params, Worker worker,
                                    Consumer<Object> responses) {
    if (controller == null) {
      throw new ControllerException("the controller factory of route '" + topic
          + "' returned null");
    }
    Objects.requireNonNull(mode, "mode");
    MessageContext context = new MessageContext(topic, mode.inline, mode.batch, params, worker,
        responses);
    controller.bind(context);
    return new ControllerCall(controller, context);
  }

  /** @return the bound controller */
  public Controller controller() {
    return controller;
  }

  /** @return the worker chosen for this message (callbacks may have changed the route's) */
  public Worker worker() {
    return context.worker();
  }

  /** @return when a callback scheduled the background perform for, if it did */
  public Optional<Instant> performAt() {
    return context.performAt();
  }

  /** @return the params, with what callbacks added */
  public List<Params> params() {
    return context.params();
  }

  /**
   * Runs the {@code beforeEnqueue} callbacks in registration order.
   *
   * @return false when one aborted (the rest do not run)
   * @throws Exception what a callback threw
   */
  public boolean runCallbacks() throws Exception {
    for (BeforeEnqueue callback : controller.callbacks()) {
      if (!callback.proceed()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Runs {@code perform}.
   *
   * @throws Exception what it threw
   */
  public void perform() throws Exception {
    controller.perform();
  }

  /** Runs {@code afterFailure} with what a perform of the same message threw. */
  public void afterFailure(Throwable error) {
    controller.afterFailure(error);
  }
}
