package io.karafka.examples.boot;

import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /orders}: places an order from a web request, its invoice job in the same
 * transaction.
 */
@RestController
public class OrdersEndpoint {
  private final OrderService orders;

  /** @param orders injected by Spring */
  public OrdersEndpoint(OrderService orders) {
    this.orders = orders;
  }

  /** @return the invoice job's id */
  @PostMapping("/orders")
  public Map<String, String> place(@RequestBody Order order) {
    return Map.of("invoiceJob", orders.place(order));
  }
}
