package io.karafka.routing;

import io.karafka.controller.Controller;
import io.karafka.interchange.Interchanger;
import io.karafka.job.Worker;
import io.karafka.parse.Parser;
import io.karafka.responder.Responder;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A route as drawn: what the DSL set explicitly. Empty values take the app's defaults when the
 * app is built ({@link Route} is the result).
 *
 * @param topic the topic
 * @param group explicit consumer group
 * @param controller the controller class (for a factory, the class of what it made when the
 *     routes were drawn)
 * @param controllerFactory the route's own controller factory; empty: the app's
 *     {@code ControllerFactory} creates {@code controller}
 * @param worker explicit worker
 * @param parser explicit parser
 * @param interchanger explicit interchanger
 * @param responder explicit responder class
 * @param responderFactory the route's own responder factory
 * @param inlineMode explicit inline flag
 * @param batchMode explicit batch flag
 * @param perKey whether a partition's messages run in parallel across keys
 */
public record RouteDefinition(String topic, Optional<String> group,
                              Class<? extends Controller> controller,
                              Optional<Supplier<? extends Controller>> controllerFactory,
                              Optional<Worker> worker, Optional<Parser> parser,
                              Optional<Interchanger> interchanger,
                              Optional<Class<? extends Responder<?>>> responder,
                              Optional<Supplier<? extends Responder<?>>> responderFactory,
                              Optional<Boolean> inlineMode, Optional<Boolean> batchMode,
                              boolean perKey) {
  /** Validates presence; rules are checked by {@link Routes#draw}. */
  public RouteDefinition {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(controller, "controller");
    Objects.requireNonNull(controllerFactory, "controllerFactory");
    Objects.requireNonNull(responder, "responder");
    Objects.requireNonNull(responderFactory, "responderFactory");
    if (responderFactory.isPresent() && responder.isEmpty()) {
      throw new IllegalArgumentException("a responder factory needs its responder class");
    }
  }
}
