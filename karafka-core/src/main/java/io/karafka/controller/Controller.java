package io.karafka.controller;

import io.karafka.job.Worker;
import io.karafka.params.Params;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Handles the messages of a topic, like a Rails controller handles requests. Karafka creates a
 * new instance per message (per batch in batch mode), with the route's factory
 * ({@code controller(() -> new UsersCreateController(users))}) or the app's
 * {@link ControllerFactory} ({@code controller(UsersCreateController.class)}), binds it to the
 * message, runs its {@code beforeEnqueue} callbacks in order, then runs {@link #perform} in the
 * consuming process (inline mode) or in a background worker (a new instance, bound to the same
 * params). Whatever the controller needs comes in through its constructor.
 *
 * <pre>{@code
 * public class UsersCreateController extends Controller {
 *   private final Users users;
 *
 *   public UsersCreateController(Users users) {
 *     this.users = users;
 *     beforeEnqueue(() -> { params().put("receivedTime", Instant.now().toString()); return true; });
 *     beforeEnqueue(this::validateParams);
 *   }
 *
 *   protected void perform() {
 *     respondWith(users.create(params().getString("name")));
 *   }
 *
 *   protected void afterFailure(Throwable error) {
 *     users.cleanUp(params().getString("name"));
 *   }
 *
 *   private boolean validateParams() {
 *     return params().getLong("age") > 17;
 *   }
 * }
 * }</pre>
 *
 * Not thread-safe; each instance serves one message or batch on one thread.
 */
public abstract class Controller {
  private final List<BeforeEnqueue> callbacks = new ArrayList<>();
  private MessageContext context;

  /** For subclasses. Register callbacks in the constructor. */
  protected Controller() {}

  /**
   * The business logic for one message ({@link #params()}) or one batch ({@link #paramsBatch()}).
   *
   * @throws Exception to fail: inline, the message is not committed and is retried by the
   *     consumer; in the background, {@link #afterFailure} runs and the job is retried
   */
  protected abstract void perform() throws Exception;

  /**
   * Called when a background {@code perform} of this controller failed (an exception or a
   * timeout), before the job is retried or declared dead: undo partial work here. The instance is
   * a new one, bound to the same params. Does nothing by default.
   *
   * @param error what the failed perform threw
   */
  protected void afterFailure(Throwable error) {}

  /**
   * Registers a callback, run in registration order before the message is enqueued (or performed
   * inline). A callback returning false aborts: the message is neither enqueued nor performed.
   * Call it from the constructor.
   */
  protected final void beforeEnqueue(BeforeEnqueue callback) {
    callbacks.add(Objects.requireNonNull(callback, "callback"));
  }

  /**
   * @return the params of the message
   * @throws IllegalStateException in batch mode, where there are several: use
   *     {@link #paramsBatch()}
   */
  protected final Params params() {
    MessageContext ctx = context();
    if (ctx.batchMode()) {
      throw new IllegalStateException("route '" + ctx.topic()
          + "' is in batch mode: use paramsBatch() instead of params()");
    }
    return ctx.params().getFirst();
  }

  /** @return the params of every message of the batch, in offset order (one outside batch mode) */
  protected final List<Params> paramsBatch() {
    return context().params();
  }

  /**
   * Hands data to the route's responder, which validates it and decides what goes to which topic.
   * The responses are sent after {@code perform} returns, and only if it returns normally.
   *
   * @throws io.karafka.responder.ResponderValidationException when the response is invalid
   */
  protected final void respondWith(Object data) {
    context().respond(data);
  }

  /**
   * Chooses the worker for this message (dynamic worker selection); call it in a
   * {@code beforeEnqueue} callback.
   */
  protected final void worker(Worker worker) {
    context().worker(Objects.requireNonNull(worker, "worker"));
  }

  /**
   * Schedules the background perform for later (Sidekiq's {@code perform_in}); call it in a
   * {@code beforeEnqueue} callback. The message is committed once the scheduled job is stored.
   *
   * @throws IllegalStateException on an inline route, which performs at once
   */
  protected final void performAt(Instant when) {
    MessageContext ctx = context();
    if (ctx.inlineMode()) {
      throw new IllegalStateException("route '" + ctx.topic() + "' is inline: it"
          + " performs at once and cannot schedule; set inlineMode(false) on it to use performAt");
    }
    ctx.performAt(Objects.requireNonNull(when, "when"));
  }

  /** @return the worker this message will be enqueued with */
  protected final Worker worker() {
    return context().worker();
  }

  /** @return the topic this controller serves (the application's name for it) */
  protected final String topic() {
    return context().topic();
  }

  /** Binds this new instance to its message; {@link ControllerCall#bind} calls it. */
  final void bind(MessageContext value) {
    if (context != null) {
      throw new ControllerException(getClass().getName() + " is bound already: a controller"
          + " factory must return a new instance on every call");
    }
    context = value;
  }

  /** @return the {@code beforeEnqueue} callbacks in registration order */
  final List<BeforeEnqueue> callbacks() {
    return Collections.unmodifiableList(callbacks);
  }

  private MessageContext context() {
    if (context == null) {
      throw new ControllerException(getClass().getName() + " is not bound to a message: Karafka"
          + " creates and binds controllers (unit-test them through KarafkaTestKit)");
    }
    return context;
  }
}
