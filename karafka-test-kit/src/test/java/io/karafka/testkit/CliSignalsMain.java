package io.karafka.testkit;

import io.karafka.app.KarafkaApp;
import io.karafka.cli.KarafkaCli;
import io.karafka.consumer.Batch;
import io.karafka.controller.Controller;
import io.karafka.server.KarafkaServer;
import io.karafka.worker.KarafkaWorker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A worker process for {@link CliSignalsIT}: with "block", one job that never ends. */
public final class CliSignalsMain {
  private CliSignalsMain() {}

  /** Performs forever once it started. */
  public static class StuckController extends Controller {
    @Override
    protected void perform() throws Exception {
      System.out.println("performing");
      Thread.sleep(Long.MAX_VALUE);
    }
  }

  /** @param args "block" to enqueue the stuck job first */
  public static void main(String[] args) {
    KarafkaApp app = TestApps.app(c -> c.jobs(j -> j.shutdownTimeout(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(50))),
        r -> r.topic("stuck").controller(StuckController.class));
    InMemoryJobStore store = new InMemoryJobStore(Clock.systemUTC());
    if (args.length > 0 && args[0].equals("block")) {
      InMemoryMessageSource source = new InMemoryMessageSource(Clock.systemUTC());
      try (KarafkaServer server = KarafkaServer.builder(app).source(source)
          .producer(new InMemoryProducer()).jobQueue(store).build()) {
        server.start();
        source.deliver(new Batch("g", "stuck", 0, List.of(TestMessage.text("x")
            .toMessage("stuck", 0, Instant.now()))));
      }
    }
    System.out.println("starting");
    System.exit(KarafkaCli.builder(app)
        .worker((a, jobs) -> KarafkaWorker.builder(a, store, new InMemoryProducer())
            .settings(jobs).build())
        .build().run("worker"));
  }
}
