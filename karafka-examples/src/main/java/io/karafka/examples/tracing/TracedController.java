package io.karafka.examples.tracing;

import io.karafka.controller.Controller;
import io.karafka.message.Header;
import io.karafka.params.Params;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * A controller whose perform is a span of the message's trace: OpenTelemetry reads the
 * {@code traceparent} the message came with (Karafka keeps it in the params, and in the job when
 * the route runs in the background), so consume, enqueue, perform and the responses (which carry
 * the same trace context) are one trace. Subclasses write {@link #performTraced()}.
 */
public abstract class TracedController extends Controller {
  /** Reads W3C headers from the params. */
  private static final TextMapGetter<Params> HEADERS = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(Params params) {
      return params.headers().stream().map(Header::key).toList();
    }

    @Override
    public String get(Params params, String key) {
      return params == null ? null : params.header(key).orElse(null);
    }
  };

  private final Tracer tracer;

  /** @param tracer e.g. {@code openTelemetry.getTracer("karafka")} */
  protected TracedController(Tracer tracer) {
    this.tracer = tracer;
  }

  /** A controller on the global OpenTelemetry (the Java agent, or one you registered). */
  protected TracedController() {
    this(GlobalOpenTelemetry.getTracer("io.karafka"));
  }

  /** The work, inside the span. */
  protected abstract void performTraced() throws Exception;

  @Override
  protected final void perform() throws Exception {
    Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), params(),
        HEADERS);
    Span span = tracer.spanBuilder(params().topic() + " perform").setParent(parent)
        .setSpanKind(SpanKind.CONSUMER)
        .setAttribute("messaging.system", "kafka")
        .setAttribute("messaging.destination.name", params().topic())
        .setAttribute("messaging.kafka.offset", params().offset())
        .startSpan();
    try (Scope ignored = span.makeCurrent()) {
      performTraced();
    } catch (Exception e) {
      span.recordException(e);
      span.setStatus(StatusCode.ERROR);
      throw e;
    } finally {
      span.end();
    }
  }
}
