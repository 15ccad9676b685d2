package io.karafka.routing;

import io.karafka.controller.Controller;
import io.karafka.interchange.Interchanger;
import io.karafka.job.Worker;
import io.karafka.parse.Parser;
import io.karafka.responder.Responder;
import java.util.Optional;

/**
 * The DSL for one route, returned by {@link Routes.Drawing#topic}. Every setter is optional but
 * {@link #controller}; unset values take the app's defaults. Not thread-safe; used only while
 * drawing.
 */
public final class RouteBuilder {
  private final String topic;
  private String group;
  private Class<? extends Controller> controller;
  private Worker worker;
  private Parser parser;
  private Interchanger interchanger;
  private Class<? extends Responder<?>> responder;
  private Boolean inlineMode;
  private Boolean batchMode;

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

  /** The controller that handles the topic's messages (required). @return this */
  public RouteBuilder controller(Class<? extends Controller> type) {
    this.controller = type;
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
    this.responder = type;
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

  String topic() {
    return topic;
  }

  String group() {
    return group;
  }

  boolean hasController() {
    return controller != null;
  }

  RouteDefinition build() {
    return new RouteDefinition(topic, Optional.ofNullable(group), controller,
        Optional.ofNullable(worker), Optional.ofNullable(parser),
        Optional.ofNullable(interchanger), Optional.ofNullable(responder),
        Optional.ofNullable(inlineMode), Optional.ofNullable(batchMode));
  }
}
