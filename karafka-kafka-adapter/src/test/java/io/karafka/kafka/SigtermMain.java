package io.karafka.kafka;

import io.karafka.app.KarafkaApp;
import io.karafka.monitor.Event;
import java.time.Duration;

/**
 * A server process for {@link ShutdownIT}: consumes a topic and stops gracefully on SIGTERM.
 * Prints {@code ready} once assigned and {@code handled N} as messages are handled.
 */
public final class SigtermMain {
  private SigtermMain() {}

  /** @param args bootstrap servers, topic */
  public static void main(String[] args) throws Exception {
    Handled handled = new Handled();
    KarafkaApp app = KarafkaApp.builder()
        .setup(c -> c.name("sigterm").inlineMode(true)
            .monitor(event -> {
              if (event instanceof Event.MessagePerformed) {
                System.out.println("handled " + handled.size());
              }
            })
            .controllerFactory(TaggedController.factory(handled, "child"))
            .kafka(k -> k.hosts(args[0]).offsetCommitInterval(Duration.ofHours(1))))
        .routes(r -> r.topic(args[1]).controller(TaggedController.class))
        .build();
    ChildServer.serve(app);
  }
}
