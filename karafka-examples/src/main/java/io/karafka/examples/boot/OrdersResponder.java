package io.karafka.examples.boot;

import io.karafka.responder.Responder;

/** Confirms placed orders on {@code orders_confirmed}; found by name, no bean needed. */
public class OrdersResponder extends Responder<Order> {
  /** Registers the topic. */
  public OrdersResponder() {
    topic("orders_confirmed");
  }

  @Override
  protected void respond(Order order) {
    respondTo("orders_confirmed", order);
  }
}
