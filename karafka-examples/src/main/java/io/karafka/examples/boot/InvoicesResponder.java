package io.karafka.examples.boot;

import io.karafka.responder.Responder;

/** Sends issued invoices to {@code invoices_issued}. */
public class InvoicesResponder extends Responder<Invoice> {
  /** Registers the topic. */
  public InvoicesResponder() {
    topic("invoices_issued");
  }

  @Override
  protected void respond(Invoice invoice) {
    respondTo("invoices_issued", invoice);
  }
}
