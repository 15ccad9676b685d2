/**
 * The routing DSL: {@link io.karafka.routing.Routes#draw} with
 * {@link io.karafka.routing.RouteBuilder} (topic, group, controller, worker, parser,
 * interchanger, responder, inline and batch mode) resolves to {@link io.karafka.routing.Route}s;
 * a bad route raises {@link io.karafka.routing.RoutingException} at boot.
 */
package io.karafka.routing;
