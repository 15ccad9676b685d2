package io.karafka.spring.boot;

import io.karafka.routing.Routes;

/**
 * The app's routes, as a bean: the starter draws them into the {@code KarafkaApp} it builds.
 * Routes that name a class ({@code controller(OrdersController.class)}) get their controllers
 * and responders from the application context, a new instance for every message (see the
 * starter's README); routes may also take their own factory,
 * {@code controller(() -> new OrdersController(repository))}.
 *
 * <pre>{@code
 * @Bean
 * KarafkaRoutes routes() {
 *   return r -> {
 *     r.topic("orders").controller(OrdersController.class);
 *     r.topic("audit").controller(AuditController.class).inlineMode(true);
 *   };
 * }
 * }</pre>
 */
@FunctionalInterface
public interface KarafkaRoutes {
  /**
   * Draws the routes, as {@code KarafkaApp.Builder#routes(block)} does.
   *
   * @param routes where to draw them
   */
  void draw(Routes.Drawing routes);
}
