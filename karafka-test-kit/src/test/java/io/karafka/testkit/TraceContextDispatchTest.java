package io.karafka.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.karafka.monitor.Event;
import io.karafka.testkit.TestControllers.EchoController;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A message's W3C trace context through the dispatcher, inline and in the background. */
public class TraceContextDispatchTest {
  private final Recorder recorder = new Recorder();

  @Test
  public void aMessagesTraceContextReachesItsResponsesAndEventsInlineAndInTheBackground() {
    String parent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    for (boolean inline : new boolean[] {true, false}) {
      try (KarafkaTestKit kit = KarafkaTestKit.of(TestApps.app(c -> c.inlineMode(inline),
          r -> r.topic("echo").controller(() -> new EchoController(recorder))))) {
        kit.publish("echo", TestMessage.text("respond").header("traceparent", parent)
            .header("tracestate", "v=1"), TestMessage.text("respond"));
        if (!inline) {
          assertEquals("4bf92f3577b34da6a3ce929d0e0e4736",
              kit.enqueued().getFirst().trace().orElseThrow().traceId());
          assertEquals(java.util.Optional.empty(), kit.enqueued().getLast().trace());
          kit.runJobs();
        } else {
          assertEquals(java.util.Optional.of("4bf92f3577b34da6a3ce929d0e0e4736"),
              kit.events(Event.MessagePerformed.class).getFirst().traceId());
        }
        List<io.karafka.producer.OutgoingMessage> sent = kit.published("echoed");
        assertEquals(2, sent.size(), "inline " + inline);
        assertEquals(List.of(io.karafka.message.Header.of("traceparent", parent),
            io.karafka.message.Header.of("tracestate", "v=1")), sent.getFirst().headers(),
            "inline " + inline);
        assertEquals(List.of(), sent.getLast().headers(), "no trace, no headers");
      }
    }
  }
}
