package io.karafka.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.karafka.controller.Controller;
import io.karafka.controller.ControllerException;
import io.karafka.responder.Responder;
import io.karafka.routing.Route;
import io.karafka.routing.RoutingException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Routes that take a factory: what they learn from it at boot, and what they refuse. */
class RouteFactoriesTest {
  /** What an app would inject: here a list the controllers write to. */
  static final class Orders {
    final List<String> created = new ArrayList<>();
  }

  static final class OrdersCreateController extends Controller {
    private final Orders orders;

    OrdersCreateController(Orders orders) {
      this.orders = orders;
    }

    @Override
    protected void perform() {
      orders.created.add(params().getString("id"));
    }
  }

  @SuppressWarnings("this-escape")
  static final class OrdersCreateResponder extends Responder<String> {
    OrdersCreateResponder(String topic) {
      topic(topic);
    }

    @Override
    protected void respond(String data) {
      respondTo(registeredTopics().keySet().iterator().next(), data);
    }
  }

  private KarafkaApp.Builder app() {
    return KarafkaApp.builder().setup(c -> c.name("shop").environment(new Environment("test"))
        .parser(new AppFixtures.TextParser()).interchanger(new AppFixtures.NoInterchanger()));
  }

  @Test
  void aFactoryRouteLearnsTheControllerClassAtBootAndMakesANewInstanceEachTime() {
    Orders orders = new Orders();
    KarafkaApp app = app()
        .routes(r -> r.topic("orders").controller(() -> new OrdersCreateController(orders))
            .responder(() -> new OrdersCreateResponder("orders_created")))
        .build();

    Route route = app.route("orders").orElseThrow();
    assertEquals(OrdersCreateController.class, route.controller().type());
    assertEquals("OrdersCreateWorker", route.worker().name());
    assertEquals("OrdersCreateController", route.controllerName());
    assertNotSame(route.controller().create(), route.controller().create());
  }

  @Test
  void aFactoryControllerFindsItsResponderByNameThroughTheAppFactoryUnlessTheRouteGivesOne() {
    KarafkaApp byName = app()
        .setup(c -> c.controllerFactory(new io.karafka.controller.ControllerFactory() {
          @Override
          public <T> T create(Class<T> type) {
            return type.cast(new OrdersCreateResponder("by_name"));
          }
        }))
        .routes(r -> r.topic("orders").controller(() -> new OrdersCreateController(new Orders())))
        .build();
    KarafkaApp own = app()
        .routes(r -> r.topic("orders").controller(() -> new OrdersCreateController(new Orders()))
            .responder(() -> new OrdersCreateResponder("own")))
        .build();

    assertEquals(OrdersCreateResponder.class,
        byName.route("orders").orElseThrow().responder().orElseThrow().type());
    assertEquals(List.of("by_name"), List.copyOf(byName.route("orders").orElseThrow().responder()
        .orElseThrow().create().registeredTopics().keySet()));
    assertEquals(List.of("own"), List.copyOf(own.route("orders").orElseThrow().responder()
        .orElseThrow().create().registeredTopics().keySet()));
  }

  @Test
  void factoriesThatFailAtBootAreReportedTogetherNamingTheirRoutes() {
    RoutingException error = assertThrows(RoutingException.class, () -> app()
        .routes(r -> {
          r.topic("nothing").controller(() -> null);
          r.topic("broken").controller(() -> {
            throw new IllegalStateException("no database");
          });
          r.topic("answers").controller(() -> new OrdersCreateController(new Orders()))
              .responder(() -> {
                throw new IllegalArgumentException("no topic");
              });
        })
        .build());

    assertEquals(List.of(
        "route 'nothing': controller factory returned null; it must return a new instance on"
            + " every call",
        "route 'broken': controller factory threw java.lang.IllegalStateException: no database",
        "route 'answers': responder factory threw java.lang.IllegalArgumentException: no topic"),
        error.problems());
  }

  @Test
  void aFactoryThatLaterReturnsNullOrAnotherClassFailsTheMessageNamingTheClass() {
    int[] calls = {0};
    KarafkaApp app = app()
        .routes(r -> r.topic("orders").controller(() -> ++calls[0] == 1
            ? new OrdersCreateController(new Orders()) : null)
            .responder(() -> new OrdersCreateResponder("orders_created")))
        .build();

    ControllerException error = assertThrows(ControllerException.class,
        () -> app.route("orders").orElseThrow().controller().create());
    assertEquals("the factory of " + OrdersCreateController.class.getName() + " returned null",
        error.getMessage());
  }
}
