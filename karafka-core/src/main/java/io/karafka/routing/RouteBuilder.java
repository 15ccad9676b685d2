package io.karafka.routing;

import io.karafka.controller.Controller;
import io.karafka.interchange.Interchanger;
import io.karafka.job.Worker;
import io.karafka.parse.Parser;
import io.karafka.responder.Responder;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The DSL for one route, returned by {@link Routes.Drawing#topic}. Every setter is optional but
 * a {@code controller}; unset values take the app's defaults. Not thread-safe; used only while
 * drawing.
 */
public final class RouteBuilder {
  private final String topic;
  private String group;
  private Class<? extends Controller> controller;
  private Supplier<? extends Controller> controllerFactory;
  private Worker worker;
  private Parser parser;
  private Interchanger interchanger;
  private Class<? extends Responder<?>> responder;
  private Supplier<? extends Responder<?>> responderFactory;
  private Boolean inlineMode;
  private Boolean batchMode;
  private boolean perKey;

  RouteBuilder(String topic) {
    this.topic = topic;
  }

  /**
   * The consumer group. By default {@code <app name>_<topic>}; set it to share a group (and so
   * load-balance) between applications. A group serves a single topic.
   *
   * @return this
   */
  public RouteBuilder group(String name) {
    this.group = name;
    return this;
  }

  /**
   * The controller that handles the topic's messages, created per message by the app's
   * {@code ControllerFactory} (by default its public no-argument constructor). This or
   * {@link #controller(Supplier)} is required.
   *
   * @return this
   */
  public RouteBuilder controller(Class<? extends Controller> type) {
    this.controller = Objects.requireNonNull(type, "type");
    this.controllerFactory = null;
    return this;
  }

  /**
   * The controller that handles the topic's messages, made by this factory: a new instance per
   * message (per batch in batch mode), with what it needs passed to its constructor.
   *
   * <pre>{@code
   * r.topic("orders").controller(() -> new OrdersController(repository));
   * }</pre>
   *
   * The factory is called once when the routes are drawn, to learn the controller's class (its
   * name gives the default worker and responder) and to fail at boot if it cannot build one. It
   * must be thread-safe and return a new instance of the same class on every call.
   *
   * @return this
   */
  public RouteBuilder controller(Supplier<? extends Controller> factory) {
    this.controllerFactory = Objects.requireNonNull(factory, "factory");
    this.controller = null;
    return this;
  }

  /** The worker that runs {@code perform} in the background. @return this */
  public RouteBuilder worker(Worker value) {
    this.worker = value;
    return this;
  }

  /** The parser for incoming payloads and outgoing responses. @return this */
  public RouteBuilder parser(Parser value) {
    this.parser = value;
    return this;
  }

  /** The interchanger that carries params into background jobs. @return this */
  public RouteBuilder interchanger(Interchanger value) {
    this.interchanger = value;
    return this;
  }

  /**
   * The responder used by {@code respondWith}. By default the class named like the controller
   * with {@code Responder} for {@code Controller}, when it exists.
   *
   * @return this
   */
  public RouteBuilder responder(Class<? extends Responder<?>> type) {
    this.responder = Objects.requireNonNull(type, "type");
    this.responderFactory = null;
    return this;
  }

  /**
   * The responder used by {@code respondWith}, made by this factory: a new instance per
   * response. Called once when the routes are drawn, like {@link #controller(Supplier)}.
   *
   * @return this
   */
  public RouteBuilder responder(Supplier<? extends Responder<?>> factory) {
    this.responderFactory = Objects.requireNonNull(factory, "factory");
    this.responder = null;
    return this;
  }

  /** Perform in the consuming process instead of enqueuing (overrides the app). @return this */
  public RouteBuilder inlineMode(boolean value) {
    this.inlineMode = value;
    return this;
  }

  /** Handle a whole poll of a partition at once (overrides the app). @return this */
  public RouteBuilder batchMode(boolean value) {
    this.batchMode = value;
    return this;
  }

  /**
   * Per-key mode: the messages of a poll of one partition run in parallel across keys, each
   * key's messages one at a time and in offset order, each key on a virtual thread. Messages
   * without a key share one lane: they run one at a time, in order. The poll's offsets are
   * committed once every message of it is done, so a crash redelivers only what was unfinished
   * or later; a failure is retried from the lowest failed offset (messages of other keys after
   * it run again: at least once). For controllers and callbacks that wait on IO. Not with batch
   * mode. On a background route the lanes run the {@code beforeEnqueue} callbacks, then the
   * poll's jobs are enqueued together in offset order (workers run jobs in parallel anyway). At
   * most {@code kafka.perKeyMaxInFlight} messages (1,000) run at once in the process. Default
   * false.
   *
   * @return this
   */
  public RouteBuilder perKey(boolean value) {
    this.perKey = value;
    return this;
  }

  String topic() {
    return topic;
  }

  String group() {
    return group;
  }

  boolean hasController() {
    return controller != null || controllerFactory != null;
  }

  /** Calls the route's own factories once to learn their classes; adds what fails. */
  void probeFactories(String route, List<String> problems) {
    if (controllerFactory != null) {
      controller = probe(route + "controller factory", controllerFactory, problems);
    }
    if (responderFactory != null) {
      @SuppressWarnings("unchecked")
      Class<? extends Responder<?>> type = (Class<? extends Responder<?>>)
          (Class<?>) probe(route + "responder factory", responderFactory, problems);
      responder = type;
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> Class<? extends T> probe(String what, Supplier<? extends T> factory,
                                              List<String> problems) {
    try {
      T made = factory.get();
      if (made == null) {
        problems.add(what + " returned null; it must return a new instance on every call");
        return null;
      }
      return (Class<? extends T>) made.getClass();
    } catch (RuntimeException | LinkageError e) {
      problems.add(what + " threw " + e);
      return null;
    }
  }

  RouteDefinition build() {
    return new RouteDefinition(topic, Optional.ofNullable(group), controller,
        Optional.ofNullable(controllerFactory), Optional.ofNullable(worker),
        Optional.ofNullable(parser), Optional.ofNullable(interchanger),
        Optional.ofNullable(responder), Optional.ofNullable(responderFactory),
        Optional.ofNullable(inlineMode), Optional.ofNullable(batchMode), perKey);
  }
}
