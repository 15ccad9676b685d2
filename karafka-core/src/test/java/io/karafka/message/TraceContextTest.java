package io.karafka.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TraceContextTest {
  private static final String PARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  @Test
  void aValidTraceparentAndItsStateAreRead() {
    TraceContext context = TraceContext.from(List.of(Header.of("other", "x"),
        Header.of("traceparent", " " + PARENT + " "), Header.of("tracestate", "a=1,b=2")))
        .orElseThrow();

    assertEquals(PARENT, context.traceparent());
    assertEquals(Optional.of("a=1,b=2"), context.tracestate());
    assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", context.traceId());
    assertEquals(List.of(Header.of("traceparent", PARENT), Header.of("tracestate", "a=1,b=2")),
        context.headers());
  }

  @Test
  void invalidOnesAreIgnoredAsTheW3cSays() {
    for (String bad : List.of("", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
        "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
        PARENT + "-extra")) {
      assertEquals(Optional.empty(), TraceContext.from(List.of(Header.of("traceparent", bad))),
          bad);
    }
    assertEquals(Optional.empty(), TraceContext.from(List.of(Header.of("tracestate", "a=1"))));
    assertEquals(Optional.empty(), TraceContext.parse(null, "a=1"));
    assertThrows(IllegalArgumentException.class, () -> new TraceContext("nope",
        Optional.empty()));
  }

  @Test
  void aLaterVersionMayCarryMoreFields() {
    String future = "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-more";
    assertEquals(future, TraceContext.parse(future, null).orElseThrow().traceparent());
  }

  @Test
  void headersThatCarryATraceparentKeepTheirOwn() {
    TraceContext context = TraceContext.parse(PARENT, null).orElseThrow();
    List<Header> own = List.of(Header.of("traceparent",
        "00-11111111111111111111111111111111-2222222222222222-01"));

    assertEquals(own, context.addTo(own));
    assertEquals(List.of(Header.of("k", "v"), Header.of("traceparent", PARENT)),
        context.addTo(List.of(Header.of("k", "v"))));
  }
}
