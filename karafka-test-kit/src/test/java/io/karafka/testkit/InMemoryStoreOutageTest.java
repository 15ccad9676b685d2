package io.karafka.testkit;

import io.karafka.app.KarafkaApp;
import io.karafka.job.JobStore;
import java.time.Clock;

/** The outage drill on the in-memory store, whose outages are simulated. */
class InMemoryStoreOutageTest extends StoreOutageContract {
  private InMemoryJobStore store;

  @Override
  protected JobStore createStore(KarafkaApp app) {
    store = new InMemoryJobStore(Clock.systemUTC());
    return store;
  }

  @Override
  protected void stopServer() {
    store.unavailable(true);
  }

  @Override
  protected void startServer() {
    store.unavailable(false);
  }

  @Override
  protected String address() {
    return "in memory";
  }
}
