package io.karafka.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The W3C trace context of a message: its {@code traceparent} header (and {@code tracestate}
 * when present), as OpenTelemetry and other tracers write them. Karafka carries it from an
 * incoming message into its job, onto every message a responder sends for it and onto dead
 * letters, so that one trace runs from consume to enqueue to perform to produce. It starts no
 * spans itself: a tracer does (see docs/integration.md).
 *
 * @param traceparent {@code version-traceid-parentid-flags}, e.g.
 *     {@code 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01}
 * @param tracestate vendor entries, when the message had them
 */
public record TraceContext(String traceparent, Optional<String> tracestate) {
  /** The W3C header names. */
  public static final String TRACEPARENT = "traceparent";
  public static final String TRACESTATE = "tracestate";
  private static final Pattern FORMAT = Pattern.compile(
      "[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}(-.*)?");
  private static final String ZERO_TRACE = "0".repeat(32);
  private static final String ZERO_PARENT = "0".repeat(16);

  /**
   * Checks the format.
   *
   * @throws IllegalArgumentException when {@code traceparent} is not a valid W3C one
   */
  public TraceContext {
    Objects.requireNonNull(tracestate, "tracestate");
    if (!valid(traceparent)) {
      throw new IllegalArgumentException("not a W3C traceparent: '" + traceparent + "'");
    }
  }

  /**
   * @return the trace context of these headers; empty when there is no {@code traceparent} or it
   *     is not valid (the W3C rule: an invalid one is ignored, not repaired)
   */
  public static Optional<TraceContext> from(List<Header> headers) {
    String parent = last(headers, TRACEPARENT);
    if (parent == null || !valid(parent.strip())) {
      return Optional.empty();
    }
    String state = last(headers, TRACESTATE);
    return Optional.of(new TraceContext(parent.strip(), Optional.ofNullable(state)
        .map(String::strip).filter(s -> !s.isEmpty())));
  }

  /**
   * @param traceparent as stored, may be null
   * @param tracestate as stored, may be null
   * @return the context; empty when there is no valid {@code traceparent}
   */
  public static Optional<TraceContext> parse(String traceparent, String tracestate) {
    if (traceparent == null) {
      return Optional.empty();
    }
    List<Header> headers = new ArrayList<>(2);
    headers.add(Header.of(TRACEPARENT, traceparent));
    if (tracestate != null) {
      headers.add(Header.of(TRACESTATE, tracestate));
    }
    return from(headers);
  }

  /** @return the 32 hex digits that name the whole trace */
  public String traceId() {
    return traceparent.substring(3, 35);
  }

  /** @return the headers that carry it: {@code traceparent}, then {@code tracestate} if any */
  public List<Header> headers() {
    List<Header> headers = new ArrayList<>(2);
    headers.add(Header.of(TRACEPARENT, traceparent));
    tracestate.ifPresent(state -> headers.add(Header.of(TRACESTATE, state)));
    return List.copyOf(headers);
  }

  /** @return the headers, with this context's added unless they carry a traceparent already */
  public List<Header> addTo(List<Header> headers) {
    if (last(headers, TRACEPARENT) != null) {
      return headers;
    }
    List<Header> all = new ArrayList<>(headers);
    all.addAll(headers());
    return List.copyOf(all);
  }

  private static boolean valid(String traceparent) {
    return traceparent != null && FORMAT.matcher(traceparent).matches()
        && !traceparent.startsWith("ff") && !traceparent.substring(3, 35).equals(ZERO_TRACE)
        && !traceparent.substring(36, 52).equals(ZERO_PARENT)
        && (!traceparent.startsWith("00") || traceparent.length() == 55);
  }

  private static String last(List<Header> headers, String name) {
    for (int i = headers.size() - 1; i >= 0; i--) {
      if (headers.get(i).key().equalsIgnoreCase(name)) {
        return headers.get(i).stringValue();
      }
    }
    return null;
  }
}
