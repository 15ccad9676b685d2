package io.karafka.kafka;

import io.karafka.controller.Controller;
import io.karafka.params.Params;
import io.karafka.producer.Partitioning;
import io.karafka.responder.Responder;
import io.karafka.responder.TopicOptions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Controllers and responders of the integration tests, and what they saw. */
public final class Handled {
  /** "instance:topic/partition@offset value" per handled message, in order. */
  public static final List<String> LOG = new CopyOnWriteArrayList<>();
  /** Which instance is running (two apps in one JVM). */
  public static final ThreadLocal<String> INSTANCE = ThreadLocal.withInitial(() -> "?");

  private Handled() {}

  static void record(String instance, Params p) {
    LOG.add(instance + ":" + p.topic() + "/" + p.partition() + "@" + p.offset() + " "
        + p.toMap().getOrDefault("n", p.toMap().get("message")));
  }

  /** Logs, fails on {"fail":true}, responds on {"respond":true}. */
  public static class OrdersController extends Controller {
    /** No callbacks. */
    public OrdersController() {}

    @Override
    protected void perform() {
      Params p = params();
      record(route().group(), p);
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
    /** No callbacks. */
    public BatchController() {}

    @Override
    protected void perform() {
      LOG.add("batch:" + paramsBatch().size());
      paramsBatch().forEach(p -> record("batch", p));
    }
  }
}
