package io.karafka.kafka;

import io.karafka.controller.Controller;
import io.karafka.params.Params;
import io.karafka.producer.Partitioning;
import io.karafka.responder.Responder;
import io.karafka.responder.TopicOptions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the integration tests' controllers handled: a test makes one and hands it to the
 * controllers its routes build ({@code controller(() -> new OrdersController(handled, "shop"))});
 * with the controllers and responders of those tests.
 */
public final class Handled {
  private final List<String> lines = new CopyOnWriteArrayList<>();

  /** Nothing handled yet. */
  public Handled() {}

  /** @return "label:topic/partition@offset value" per handled message, in order (a copy) */
  List<String> log() {
    return List.copyOf(lines);
  }

  /** @return how many lines were logged */
  int size() {
    return lines.size();
  }

  void add(String line) {
    lines.add(line);
  }

  void record(String label, Params p) {
    add(label + ":" + p.topic() + "/" + p.partition() + "@" + p.offset() + " "
        + p.toMap().getOrDefault("n", p.toMap().get("message")));
  }

  /** Logs under its label, fails on {"fail":true}, responds on {"respond":true}. */
  public static class OrdersController extends Controller {
    private final Handled handled;
    private final String label;

    /**
     * No callbacks.
     *
     * @param handled where to log
     * @param label starts each line (the tests use the route's consumer group)
     */
    public OrdersController(Handled handled, String label) {
      this.handled = handled;
      this.label = label;
    }

    @Override
    protected void perform() {
      Params p = params();
      handled.record(label, p);
      if (Boolean.TRUE.equals(p.get("fail"))) {
        throw new IllegalStateException("order " + p.get("n") + " failed");
      }
      if (Boolean.TRUE.equals(p.get("respond"))) {
        respondWith(p.toMap());
      }
    }
  }

  /** Writes to two topics: one by partition key, one (optional) to a fixed partition. */
  public static class OrdersResponder extends Responder<Map<String, Object>> {
    /** Registers the topics. */
    public OrdersResponder() {
      topic("orders_confirmed");
      topic("orders_audit", TopicOptions.optional());
    }

    @Override
    protected void respond(Map<String, Object> order) {
      respondTo("orders_confirmed", order, Partitioning.key(String.valueOf(order.get("customer"))));
      if (order.containsKey("audit")) {
        respondTo("orders_audit", order, Partitioning.partition(1));
      }
    }
  }

  /** Logs every message of a batch. */
  public static class BatchController extends Controller {
    private final Handled handled;

    /** No callbacks. @param handled where to log */
    public BatchController(Handled handled) {
      this.handled = handled;
    }

    @Override
    protected void perform() {
      handled.add("batch:" + paramsBatch().size());
      paramsBatch().forEach(p -> handled.record("batch", p));
    }
  }
}
