package io.karafka.routing;

import io.karafka.controller.Controller;
import io.karafka.interchange.Interchanger;
import io.karafka.job.Worker;
import io.karafka.parse.Parser;
import io.karafka.responder.Responder;
import java.util.Objects;
import java.util.Optional;

/**
 * A route as drawn: what the DSL set explicitly. Empty values take the app's defaults when the
 * app is built ({@link Route} is the result).
 *
 * @param topic the topic
 * @param group explicit consumer group
 * @param controller the controller class
 * @param worker explicit worker
 * @param parser explicit parser
 * @param interchanger explicit interchanger
 * @param responder explicit responder class
 * @param inlineMode explicit inline flag
 * @param batchMode explicit batch flag
 */
public record RouteDefinition(String topic, Optional<String> group,
                              Class<? extends Controller> controller, Optional<Worker> worker,
                              Optional<Parser> parser, Optional<Interchanger> interchanger,
                              Optional<Class<? extends Responder<?>>> responder,
                              Optional<Boolean> inlineMode, Optional<Boolean> batchMode) {
  /** Validates presence; rules are checked by {@link Routes#draw}. */
  public RouteDefinition {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(controller, "controller");
  }
}
