package io.karafka.examples.boot;

import io.karafka.controller.Controller;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

/**
 * Performs {@code orders} in the worker: places the order (its invoice job in the same
 * transaction) and confirms it through {@link OrdersResponder}. A prototype bean: Karafka needs a
 * new controller for every message.
 */
@Component
@Scope("prototype")
public class OrdersController extends Controller {
  private final OrderService orders;

  /** @param orders injected by Spring */
  public OrdersController(OrderService orders) {
    this.orders = orders;
  }

  @Override
  protected void perform() {
    Order order = params().as(Order.class);
    orders.place(order);
    respondWith(order);
  }
}
