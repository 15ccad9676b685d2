package io.karafka.app.internal;

import io.karafka.controller.ControllerCall;
import io.karafka.controller.ControllerException;
import io.karafka.job.Worker;
import io.karafka.message.TraceContext;
import io.karafka.monitor.Event;
import io.karafka.monitor.Monitor;
import io.karafka.params.Params;
import io.karafka.params.RawParams;
import io.karafka.producer.OutgoingMessage;
import io.karafka.producer.Producer;
import io.karafka.responder.Responder;
import io.karafka.routing.Instances;
import io.karafka.routing.Route;
import io.karafka.topic.TopicMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Creates a route's controllers bound to their params and runs them: callbacks, perform,
 * responses, afterFailure. Shared by the dispatcher (inline), the worker and the inline queue.
 * Thread-safe; each {@link Invocation} is not.
 */
public final class ControllerRunner {
  private final Producer producer;
  private final Monitor monitor;
  private final TopicMapper topicMapper;

  /**
   * @param producer sends the responses
   * @param monitor hears of parse failures and sent responses
   * @param topicMapper maps the responders' topic names to Kafka's
   */
  public ControllerRunner(Producer producer, Monitor monitor, TopicMapper topicMapper) {
    this.producer = Objects.requireNonNull(producer, "producer");
    this.monitor = Objects.requireNonNull(monitor, "monitor");
    this.topicMapper = Objects.requireNonNull(topicMapper, "topicMapper");
  }

  /**
   * @return a new controller for the route, bound to params made from {@code raws}; its
   *     responses carry the first message's trace context
   */
  public Invocation invoke(Route route, List<RawParams> raws, Worker worker) {
    return invoke(route, raws, worker, TraceContext.from(raws.getFirst().message().headers()));
  }

  /**
   * @param trace what the responses carry (a job's, which its interchanger may not keep in
   *     the params)
   * @return a new controller for the route, bound to params made from {@code raws}
   */
  public Invocation invoke(Route route, List<RawParams> raws, Worker worker,
                           Optional<TraceContext> trace) {
    List<Params> params;
    if (raws.size() == 1) {
      params = List.of(params(route, raws.getFirst())); // the common case: no copy later
    } else {
      List<Params> all = new ArrayList<>(raws.size());
      for (RawParams raw : raws) {
        all.add(params(route, raw));
      }
      params = List.copyOf(all);
    }
    Invocation invocation = new Invocation(route, trace);
    invocation.call = ControllerCall.bind(route.controller().create(), route.topic(),
        ControllerCall.Mode.of(route.inlineMode(), route.batchMode()), params, worker,
        invocation::respond);
    return invocation;
  }

  private Params params(Route route, RawParams raw) {
    return Params.of(raw, route.parser(), error -> monitor.notice(new Event.ParserFailed(
        raw.message().topic(), raw.message().partition(), raw.message().offset(), error)));
  }

  /** One controller handling one message or batch, and the responses it gathers. */
  public final class Invocation {
    private final Route route;
    private final Optional<TraceContext> trace;
    private final List<OutgoingMessage> responses = new ArrayList<>();
    private final List<String> responders = new ArrayList<>();
    private ControllerCall call;

    private Invocation(Route route, Optional<TraceContext> trace) {
      this.route = route;
      this.trace = trace;
    }

    /** @return the trace context its responses carry: the (first) message's, or its job's */
    public Optional<TraceContext> trace() {
      return trace;
    }

    /** @return the worker chosen for this message (callbacks may have changed it) */
    public Worker worker() {
      return call.worker();
    }

    /** @return when a callback scheduled the perform for, if it did */
    public java.util.Optional<java.time.Instant> performAt() {
      return call.performAt();
    }

    /** @return the params, with what callbacks added */
    public List<RawParams> rawParams() {
      return call.params().stream().map(Params::raw).toList();
    }

    /** @return false when a callback aborted */
    public boolean runCallbacks() throws Exception {
      return call.runCallbacks();
    }

    /**
     * Runs perform, then sends every response and waits for Kafka's acknowledgement; nothing is
     * sent if perform throws.
     */
    public void perform() throws Exception {
      try {
        performAsync().get();
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof Exception checked) {
          throw checked;
        }
        if (cause instanceof Error error) {
          throw error;
        }
        throw e;
      }
    }

    /**
     * Runs perform on this thread, then sends every response without waiting; nothing is sent
     * if perform throws.
     *
     * @return completes when Kafka acknowledged every response (at once when there is none)
     */
    public CompletableFuture<Void> performAsync() throws Exception {
      call.perform();
      if (responses.isEmpty()) {
        return CompletableFuture.completedFuture(null);
      }
      List<OutgoingMessage> sent = trace.isEmpty() ? List.copyOf(responses)
          : responses.stream().map(m -> new OutgoingMessage(m.topic(), m.payload(),
              m.partitioning(), trace.get().addTo(m.headers()))).toList();
      Event told = new Event.ResponsesSent(String.join(",", responders),
          sent.stream().map(OutgoingMessage::topic).toList());
      return producer.sendAsync(sent).thenRun(() -> monitor.notice(told));
    }

    public void afterFailure(Throwable error) {
      call.afterFailure(error);
    }

    private void respond(Object data) {
      Instances<Responder<?>> responder = route.responder().orElseThrow(() ->
          new ControllerException(route.controllerName() + " called respondWith, but route '"
              + route.topic() + "' has no responder: add .responder(...) to the route, or"
              + " create " + expectedResponder() + " (found by name)"));
      responses.addAll(responder.create().responses(data, route.parser(), topicMapper));
      responders.add(responder.type().getSimpleName());
    }

    private String expectedResponder() {
      String name = route.controller().type().getName();
      return (name.endsWith("Controller")
          ? name.substring(0, name.length() - "Controller".length()) : name) + "Responder";
    }
  }
}
