package io.karafka.controller.internal;

import io.karafka.job.Worker;
import io.karafka.params.Params;
import io.karafka.routing.Route;
import java.util.List;
import java.util.function.Consumer;

/** What a controller is bound to while it handles one message or batch. Not thread-safe. */
public final class ControllerContext {
  private final Route route;
  private final List<Params> params;
  private final Consumer<Object> responses;
  private Worker worker;
  private java.time.Instant performAt;

  /**
   * @param route the route
   * @param params one entry, or several in batch mode
   * @param responses takes each {@code respondWith} argument
   */
  public ControllerContext(Route route, List<Params> params, Consumer<Object> responses) {
    this.route = route;
    this.params = params;
    this.responses = responses;
    this.worker = route.worker();
  }

  public Route route() {
    return route;
  }

  public List<Params> params() {
    return params;
  }

  public Consumer<Object> responses() {
    return responses;
  }

  public Worker worker() {
    return worker;
  }

  public void worker(Worker value) {
    this.worker = value;
  }

  /** @return when the background perform should run, if a callback scheduled it */
  public java.util.Optional<java.time.Instant> performAt() {
    return java.util.Optional.ofNullable(performAt);
  }

  public void performAt(java.time.Instant value) {
    this.performAt = value;
  }
}
