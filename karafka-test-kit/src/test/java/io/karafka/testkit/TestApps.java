package io.karafka.testkit;

import io.karafka.app.KarafkaApp;
import io.karafka.app.KarafkaConfig;
import io.karafka.monitor.Monitor;
import io.karafka.routing.Routes;
import java.util.function.Consumer;

/** Builds small apps on the in-memory parser and interchanger. */
final class TestApps {
  private TestApps() {}

  static KarafkaApp app(Consumer<Routes.Drawing> routes) {
    return app(config -> { }, routes);
  }

  static KarafkaApp app(Consumer<KarafkaConfig.Builder> setup, Consumer<Routes.Drawing> routes) {
    return KarafkaApp.builder()
        .setup(config -> {
          config.name("test_app").parser(new InMemoryParser(t -> t.startsWith("{bad")))
              .interchanger(new InMemoryInterchanger()).monitor(Monitor.none());
          setup.accept(config);
        })
        .routes(routes)
        .build();
  }
}
