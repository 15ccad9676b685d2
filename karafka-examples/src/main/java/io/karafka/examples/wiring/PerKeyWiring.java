package io.karafka.examples.wiring;

import io.karafka.app.KarafkaApp;
import io.karafka.controller.Controller;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Per-key mode: payments of one account in order, accounts in parallel. */
public final class PerKeyWiring {
  private PerKeyWiring() {}

  /** Stands in for a database the controller waits on. */
  public static final class Ledger {
    private final Map<String, Long> balances = new ConcurrentHashMap<>();

    /** Adds an amount to an account. */
    public void add(String account, long amount) {
      balances.merge(account, amount, Long::sum);
    }
  }

  /** Books one payment; the messages are keyed by account. */
  public static final class PaymentsController extends Controller {
    private final Ledger ledger;

    /** @param ledger where payments are booked */
    public PaymentsController(Ledger ledger) {
      this.ledger = ledger;
    }

    @Override
    protected void perform() {
      ledger.add(params().key().orElseThrow(), params().getLong("amount"));
    }
  }

  /** @return an app whose payments run in parallel across accounts, in order per account */
  public static KarafkaApp app(Ledger ledger) {
    return KarafkaApp.builder()
        .setup(config -> config.name("payments").inlineMode(true))
        .routes(r -> r.topic("payments")
            .controller(() -> new PaymentsController(ledger))
            .perKey(true))
        .build();
  }
}
