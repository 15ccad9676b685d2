package io.karafka.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.karafka.app.KarafkaApp;
import io.karafka.consumer.BatchHandler;
import io.karafka.consumer.GroupStatus;
import io.karafka.consumer.MessageSource;
import io.karafka.consumer.Subscription;
import io.karafka.job.Job;
import io.karafka.job.Worker;
import io.karafka.monitor.Event;
import io.karafka.parse.ParserException;
import io.karafka.server.KarafkaServer;
import io.karafka.testkit.Await;
import io.karafka.testkit.InMemoryJobStore;
import io.karafka.testkit.InMemoryProducer;
import io.karafka.worker.KarafkaWorker;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README's table names every meter this module registers, and no other. */
class MeterTableTest {
  private static final Pattern ROW = Pattern.compile("^\\| `(karafka\\.[a-z.]+)` \\|",
      Pattern.MULTILINE);

  /** A source whose one group holds one partition, 5 messages behind. */
  record LaggingSource() implements MessageSource {
    @Override
    public void start(List<Subscription> subscriptions, BatchHandler handler) {}

    @Override
    public List<GroupStatus> groups() {
      return List.of(new GroupStatus("g", true, 1, Optional.of(Instant.now()),
          Duration.ofMinutes(5), List.of(new GroupStatus.Lag("t", 0, 5))));
    }

    @Override
    public void close() {}
  }

  @Test
  void everyMeterIsInTheReadmeTable() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Set<String> registered;
    try (KarafkaMetrics metrics = new KarafkaMetrics(registry)) {
      KarafkaApp app = KarafkaApp.builder().setup(c -> c.name("table").monitor(metrics))
          .routes(r -> r.topic("t").controller(TestControllers.Noop.class)).build();
      InMemoryJobStore store = new InMemoryJobStore(Clock.systemUTC());
      store.enqueue(List.of(job()));
      try (KarafkaServer server = KarafkaServer.builder(app).source(new LaggingSource())
          .producer(new InMemoryProducer()).jobQueue(store).build();
           KarafkaWorker worker = KarafkaWorker.builder(app, store, new InMemoryProducer())
               .build()) {
        app.dependencies().track("job store", "in memory", "waits");
        server.start();
        metrics.bind(app).bind(server).bind(worker).bind(store, Duration.ofMillis(10));
        everyEvent().forEach(metrics::notice);
        Await.within(Duration.ofSeconds(20), "the sampled gauges",
            () -> registry.find("karafka.consumer.lag").gauge() != null
                && registry.find("karafka.store.queued").gauge() != null);
        registered = registry.getMeters().stream().map(Meter::getId).map(Meter.Id::getName)
            .collect(Collectors.toCollection(TreeSet::new));
      }
    }
    Set<String> documented = new TreeSet<>();
    Matcher row = ROW.matcher(Files.readString(Path.of("README.md")));
    while (row.find()) {
      documented.add(row.group(1));
    }
    assertEquals(documented, registered);
  }

  private static List<Event> everyEvent() {
    Job job = job();
    RuntimeException error = new RuntimeException("x");
    return List.of(new Event.MessagesReceived("g", "t", 0, 1),
        new Event.CallbackAborted("t", 0, 1, "C"),
        new Event.ParserFailed("t", 0, 1, new ParserException("bad")),
        new Event.MessagePerformed("t", 0, 1, 1, "C", Duration.ofMillis(1)),
        new Event.MessageFailed("t", 0, 1, "C", error),
        new Event.MessageRetrying("g", "t", 0, 1, 1, Instant.now()),
        new Event.MessagesDeadLettered("g", "t", 0, List.of(1L), "dead", 2),
        new Event.ResponsesSent("R", List.of("out")),
        new Event.JobsEnqueued(List.of(job)),
        new Event.DuplicatesSkipped("g", "t", 0, List.of(1L)),
        new Event.JobPerformed(job, Duration.ofMillis(1)),
        new Event.JobFailed(job, error),
        new Event.JobRetried(job, Instant.now()),
        new Event.JobDead(job),
        new Event.JobsRecovered("in memory", "w", 1, Duration.ofMinutes(1)),
        new Event.WorkerStopped(1, Map.of("default", 1), 0),
        new Event.Rebalanced("g", List.of("t-0"), List.of()),
        new Event.TopicRecreated("g", "t", 0, "a", "b", 1, true),
        new Event.DependencyDown("d", "a", "r", "c", error),
        new Event.DependencyStillDown("d", "a", "r", Duration.ofMinutes(1), 2),
        new Event.DependencyRecovered("d", "a", Duration.ofMinutes(1), 2),
        new Event.ErrorOccurred("s", error));
  }

  private static Job job() {
    return Job.create("job-1", Worker.named("W"), "t", "{}", Instant.now());
  }
}
