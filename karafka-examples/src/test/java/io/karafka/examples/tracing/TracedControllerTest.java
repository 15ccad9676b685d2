package io.karafka.examples.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.karafka.app.KarafkaApp;
import io.karafka.message.TraceContext;
import io.karafka.producer.OutgoingMessage;
import io.karafka.responder.Responder;
import io.karafka.testkit.KarafkaTestKit;
import io.karafka.testkit.TestMessage;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One trace from the incoming message through its background job's perform (an OpenTelemetry
 * span whose parent is the message's) to the response, which carries the same trace id.
 */
class TracedControllerTest {
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String PARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

  /** Confirms an order, in a span of the order message's trace. */
  static final class OrdersController extends TracedController {
    OrdersController(Tracer tracer) {
      super(tracer);
    }

    @Override
    protected void performTraced() {
      respondWith(params().getString("id"));
    }
  }

  /** Sends the confirmation. */
  static final class OrdersResponder extends Responder<String> {
    OrdersResponder() {
      topic("orders_confirmed");
    }

    @Override
    protected void respond(String id) {
      respondTo("orders_confirmed", "{\"id\":\"" + id + "\"}");
    }
  }

  @Test
  void consumeEnqueuePerformAndRespondAreOneTrace() {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    try (SdkTracerProvider tracing = SdkTracerProvider.builder()
        .addSpanProcessor(SimpleSpanProcessor.create(spans)).build()) {
      Tracer tracer = tracing.get("test");
      KarafkaApp app = KarafkaApp.builder()
          .setup(c -> c.name("shop").inlineMode(false).kafka(k -> k.hosts("127.0.0.1:9092")))
          .routes(r -> r.topic("orders").controller(() -> new OrdersController(tracer))
              .responder(OrdersResponder::new))
          .build();
      try (KarafkaTestKit kit = KarafkaTestKit.of(app)) {
        kit.publish("orders", TestMessage.json("{\"id\":\"o-1\"}").header("traceparent", PARENT));
        assertEquals(TRACE_ID, kit.enqueued().getFirst().trace().orElseThrow().traceId());
        assertEquals(1, kit.runJobs());

        List<SpanData> finished = spans.getFinishedSpanItems();
        assertEquals(1, finished.size());
        SpanData perform = finished.getFirst();
        assertEquals("orders perform", perform.getName());
        assertEquals(TRACE_ID, perform.getTraceId());
        assertEquals("00f067aa0ba902b7", perform.getParentSpanId(), "a child of the message's");
        OutgoingMessage response = kit.published("orders_confirmed").getFirst();
        assertEquals(TRACE_ID, TraceContext.from(response.headers()).orElseThrow().traceId());
      }
    }
  }
}
