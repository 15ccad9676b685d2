/**
 * The routing DSL: {@link io.karafka.routing.Routes#draw} with
 * {@link io.karafka.routing.RouteBuilder} (topic, group, controller, worker, parser,
 * interchanger, responder, inline and batch mode) resolves to {@link io.karafka.routing.Route}s.
 * A route's controller (and responder) is a factory, {@code controller(() -> new X(repository))},
 * or a class the app's {@code ControllerFactory} creates; both end as
 * {@link io.karafka.routing.Instances}. A bad route raises
 * {@link io.karafka.routing.RoutingException} at boot.
 */
package io.karafka.routing;
