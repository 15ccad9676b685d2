package io.karafka.app.internal;

import io.karafka.app.KarafkaApp;
import io.karafka.controller.BeforeEnqueue;
import io.karafka.controller.Controller;
import io.karafka.controller.ControllerException;
import io.karafka.controller.internal.ControllerAccess;
import io.karafka.controller.internal.ControllerContext;
import io.karafka.job.Worker;
import io.karafka.monitor.Event;
import io.karafka.params.Params;
import io.karafka.params.RawParams;
import io.karafka.producer.OutgoingMessage;
import io.karafka.producer.Producer;
import io.karafka.responder.Responder;
import io.karafka.responder.internal.ResponderAccess;
import io.karafka.routing.Route;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates controllers bound to their params and runs them: callbacks, perform, responses,
 * afterFailure. Shared by the dispatcher (inline), the worker and the inline queue. Thread-safe;
 * each {@link Invocation} is not.
 */
public final class ControllerRunner {
  private final KarafkaApp app;
  private final Producer producer;

  public ControllerRunner(KarafkaApp app, Producer producer) {
    this.app = app;
    this.producer = producer;
  }

  public KarafkaApp app() {
    return app;
  }

  /** @return a new controller for the route, bound to params made from {@code raws} */
  public Invocation invoke(Route route, List<RawParams> raws, Worker worker) {
    Controller controller = app.config().controllerFactory().create(route.controller());
    if (controller == null) {
      throw new ControllerException("the ControllerFactory returned null for "
          + route.controller().getName());
    }
    List<Params> params;
    if (raws.size() == 1) {
      params = List.of(params(route, raws.getFirst()));
    } else {
      List<Params> all = new ArrayList<>(raws.size());
      for (RawParams raw : raws) {
        all.add(params(route, raw));
      }
      params = java.util.Collections.unmodifiableList(all);
    }
    Invocation invocation = new Invocation(route, controller);
    ControllerContext context = new ControllerContext(route, params, invocation::respond);
    context.worker(worker);
    ControllerAccess.get().bind(controller, context);
    return invocation;
  }

  private Params params(Route route, RawParams raw) {
    return Params.of(raw, route.parser(), error -> app.monitor().notice(
        new Event.ParserFailed(raw.message().topic(), raw.message().partition(),
            raw.message().offset(), error)));
  }

  /** One controller handling one message or batch. */
  public final class Invocation {
    private final Route route;
    private final Controller controller;
    private final List<OutgoingMessage> responses = new ArrayList<>();
    private final List<String> responders = new ArrayList<>();

    private Invocation(Route route, Controller controller) {
      this.route = route;
      this.controller = controller;
    }

    public Controller controller() {
      return controller;
    }

    /** @return the worker chosen for this message (callbacks may have changed it) */
    public Worker worker() {
      return ControllerAccess.get().context(controller).worker();
    }

    /** @return when a callback scheduled the perform for, if it did */
    public java.util.Optional<java.time.Instant> performAt() {
      return ControllerAccess.get().context(controller).performAt();
    }

    /** @return the params, with what callbacks added */
    public List<RawParams> rawParams() {
      return ControllerAccess.get().context(controller).params().stream().map(Params::raw)
          .toList();
    }

    /** @return false when a callback aborted */
    public boolean runCallbacks() throws Exception {
      for (BeforeEnqueue callback : ControllerAccess.get().callbacks(controller)) {
        if (!callback.proceed()) {
          return false;
        }
      }
      return true;
    }

    /** Runs perform, then sends every response; nothing is sent if perform throws. */
    public void perform() throws Exception {
      ControllerAccess.get().perform(controller);
      if (!responses.isEmpty()) {
        producer.send(List.copyOf(responses));
        app.monitor().notice(new Event.ResponsesSent(String.join(",", responders),
            responses.stream().map(OutgoingMessage::topic).toList()));
      }
    }

    public void afterFailure(Throwable error) {
      ControllerAccess.get().afterFailure(controller, error);
    }

    private void respond(Object data) {
      Class<? extends Responder<?>> type = route.responder().orElseThrow(() ->
          new ControllerException(controller.getClass().getSimpleName() + " called respondWith,"
              + " but route '" + route.topic() + "' has no responder: add .responder(...) to the"
              + " route, or create " + expectedResponder() + " (found by name)"));
      Responder<?> responder = app.config().controllerFactory().create(type);
      responses.addAll(ResponderAccess.get().respond(responder, data, route.parser(),
          app.config().topicMapper()));
      responders.add(type.getSimpleName());
    }

    private String expectedResponder() {
      String name = controller.getClass().getName();
      return (name.endsWith("Controller")
          ? name.substring(0, name.length() - "Controller".length()) : name) + "Responder";
    }
  }
}
