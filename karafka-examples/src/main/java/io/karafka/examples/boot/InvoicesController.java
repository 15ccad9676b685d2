package io.karafka.examples.boot;

import io.karafka.controller.Controller;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

/** Performs the invoice jobs {@link OrderService} enqueues, answering on invoices_issued. */
@Component
@Scope("prototype")
public class InvoicesController extends Controller {
  private final OrderService orders;

  /** @param orders injected by Spring */
  public InvoicesController(OrderService orders) {
    this.orders = orders;
  }

  @Override
  protected void perform() {
    respondWith(orders.invoice(params().getLong("orderId")));
  }
}
