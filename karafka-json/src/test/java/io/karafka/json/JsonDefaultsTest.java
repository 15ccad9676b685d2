package io.karafka.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.karafka.app.KarafkaApp;
import io.karafka.controller.Controller;
import io.karafka.monitor.Monitor;
import io.karafka.routing.Route;
import io.karafka.testkit.KarafkaTestKit;
import io.karafka.testkit.TestMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** With karafka-json on the class path, routes parse and interchange JSON by default. */
public class JsonDefaultsTest {
  /** Records the binary header and a parsed field after a job round trip. */
  public static class ProbeController extends Controller {
    private final List<Object> seen;

    /** Adds a value in a callback. @param seen where perform adds what it read */
    public ProbeController(List<Object> seen) {
      this.seen = seen;
      beforeEnqueue(() -> {
        params().put("added", List.of(1, 2));
        return true;
      });
    }

    @Override
    protected void perform() {
      seen.add(params().get("name"));
      seen.add(params().get("added"));
      seen.add(params().headers().getFirst().value().length);
    }
  }

  @Test
  void routesDefaultToJsonAndParamsSurviveTheJobQueue() {
    List<Object> seen = new ArrayList<>();
    KarafkaApp app = KarafkaApp.builder()
        .setup(c -> c.name("json_app").monitor(Monitor.none()))
        .routes(r -> r.topic("probe").controller(() -> new ProbeController(seen)))
        .build();
    Route route = app.route("probe").orElseThrow();
    assertInstanceOf(JsonParser.class, route.parser());
    assertInstanceOf(JsonInterchanger.class, route.interchanger());
    try (KarafkaTestKit kit = KarafkaTestKit.of(app)) {
      kit.publish("probe", TestMessage.json("{\"name\":\"Ada\"}")
          .header(new io.karafka.message.Header("bin", new byte[] {(byte) 0xff, 0, 1})));
      assertEquals(1, kit.runJobs());
    }
    assertEquals(List.of("Ada", List.of(1, 2), 3), seen);
  }
}
