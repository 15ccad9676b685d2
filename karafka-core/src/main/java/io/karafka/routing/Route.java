package io.karafka.routing;

import io.karafka.controller.Controller;
import io.karafka.interchange.Interchanger;
import io.karafka.job.Worker;
import io.karafka.parse.Parser;
import io.karafka.responder.Responder;
import java.util.Objects;
import java.util.Optional;

/**
 * A route with every default applied: what the app actually does with a topic.
 *
 * @param topic the topic (application name)
 * @param group the consumer group
 * @param controller the controller class and how to make one per message
 * @param worker the default worker for background jobs
 * @param parser the parser
 * @param interchanger the interchanger
 * @param responder the responder class and how to make one per response, explicit or found by
 *     name; empty when none
 * @param inlineMode whether perform runs in the consuming process
 * @param batchMode whether a poll of a partition is handled at once
 * @param perKey whether a poll's messages run in parallel across keys, in order per key
 */
public record Route(String topic, String group, Instances<Controller> controller,
                    Worker worker, Parser parser, Interchanger interchanger,
                    Optional<Instances<Responder<?>>> responder, boolean inlineMode,
                    boolean batchMode, boolean perKey) {
  /** Validates presence. */
  public Route {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(controller, "controller");
    Objects.requireNonNull(worker, "worker");
    Objects.requireNonNull(parser, "parser");
    Objects.requireNonNull(interchanger, "interchanger");
    Objects.requireNonNull(responder, "responder");
  }

  /** @return the controller's simple class name, as logs and events show it */
  public String controllerName() {
    return controller.type().getSimpleName();
  }
}
