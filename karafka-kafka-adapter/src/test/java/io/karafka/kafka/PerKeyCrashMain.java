package io.karafka.kafka;

import io.karafka.app.KarafkaApp;
import io.karafka.controller.Controller;
import io.karafka.monitor.Monitor;
import io.karafka.params.Params;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A server process for {@link PerKeyCrashIT}: consumes a topic in per-key mode, committing
 * often, and prints {@code done <partition>@<offset> <key>} as each message is performed (before
 * its offset can be committed). Prints {@code ready} once assigned.
 */
public final class PerKeyCrashMain {
  private PerKeyCrashMain() {}

  /** Waits 1-4 ms at random, like a call to a service, then tells the parent. */
  public static final class SlowController extends Controller {
    @Override
    protected void perform() throws InterruptedException {
      Params p = params();
      Thread.sleep(1 + ThreadLocalRandom.current().nextInt(4));
      System.out.println("done " + p.partition() + "@" + p.offset() + " "
          + p.key().orElseThrow());
    }
  }

  /** @param args bootstrap servers, topic */
  public static void main(String[] args) throws Exception {
    KarafkaApp app = KarafkaApp.builder()
        .setup(c -> c.name("perkeycrash").inlineMode(true).monitor(Monitor.none())
            .kafka(k -> k.hosts(args[0]).maxPollRecords(40).offsetCommitThreshold(40)
                .offsetCommitInterval(Duration.ofMillis(100))
                // the killed member leaves the group after this: the next one waits for it
                .sessionTimeout(Duration.ofSeconds(6)).heartbeatInterval(Duration.ofSeconds(1))))
        .routes(r -> r.topic(args[1]).controller(SlowController.class).perKey(true))
        .build();
    ChildServer.serve(app);
  }
}
