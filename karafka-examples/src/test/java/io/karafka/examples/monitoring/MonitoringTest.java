package io.karafka.examples.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.karafka.app.KarafkaApp;
import io.karafka.examples.users.ExampleApp;
import io.karafka.monitor.LoggingMonitor;
import io.karafka.monitor.Monitor;
import io.karafka.testkit.KarafkaTestKit;
import io.karafka.testkit.TestMessage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class MonitoringTest {
  @Test
  void metricsAndErrorsReachTheirMonitors() {
    MetricsMonitor metrics = new MetricsMonitor();
    List<String> tracked = new CopyOnWriteArrayList<>();
    KarafkaApp app = ExampleApp.build().withMonitor(Monitor.combine(new LoggingMonitor(),
        metrics, new ErrorTrackerMonitor((where, error) -> tracked.add(where + ": "
            + error.getMessage()))));
    try (KarafkaTestKit kit = KarafkaTestKit.of(app)) {
      kit.publish("users_create", TestMessage.json("{\"name\":\"Ada\",\"age\":36}"),
          TestMessage.json("{\"name\":\"Bob\",\"age\":40}"));
      kit.runJobs();
      kit.publish("audit_events", TestMessage.text("ada,login\nbroken"));
    }
    assertEquals(Map.of("Custom/users_create/consume", 2L, "Custom/users_create/perform_async",
        2L, "Custom/users_create/perform", 2L, "Custom/audit_events/consume", 1L,
        "Custom/audit_events/perform", 1L), metrics.counts());
    assertEquals(List.of(), tracked, "a malformed CSV line is kept raw, not an error");
  }
}
