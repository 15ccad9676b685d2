package io.karafka.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.karafka.app.KarafkaApp;
import io.karafka.job.Job;
import io.karafka.job.Worker;
import io.karafka.monitor.Event;
import io.karafka.monitor.Monitor;
import io.karafka.parse.ParserException;
import io.karafka.testkit.MutableClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each event moves its meters, tagged by what it names; a tag set is registered once. */
class EventMetersTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final KarafkaMetrics metrics = new KarafkaMetrics(registry);

  @AfterEach
  void close() {
    metrics.close();
  }

  @Test
  void consumerEventsCountMessagesPerPartition() {
    metrics.notice(new Event.MessagesReceived("app_orders", "orders", 1, 10));
    metrics.notice(new Event.MessagesReceived("app_orders", "orders", 1, 5));
    metrics.notice(new Event.MessagesReceived("app_orders", "orders", 2, 1));
    metrics.notice(new Event.DuplicatesSkipped("app_orders", "orders", 1, List.of(3L, 4L)));
    metrics.notice(new Event.MessageRetrying("app_orders", "orders", 1, 7, 1, Instant.now()));
    metrics.notice(new Event.MessagesDeadLettered("app_orders", "orders", 1, List.of(7L, 8L),
        "orders_dead", 5));
    metrics.notice(new Event.TopicRecreated("app_orders", "orders", 1, "a", "b", 9, true));

    assertEquals(15, count("karafka.messages.received", "group", "app_orders", "topic",
        "orders", "partition", "1"));
    assertEquals(1, count("karafka.messages.received", "partition", "2"));
    assertEquals(2, count("karafka.messages.duplicates.skipped", "partition", "1"));
    assertEquals(1, count("karafka.messages.retried", "partition", "1"));
    assertEquals(2, count("karafka.messages.dead.lettered", "partition", "1"));
    assertEquals(1, count("karafka.topics.recreated", "topic", "orders"));
  }

  @Test
  void routeEventsCountAndTimePerController() {
    metrics.notice(new Event.MessagePerformed("orders", 0, 10, 3, "OrdersController",
        Duration.ofMillis(30)));
    metrics.notice(new Event.MessagePerformed("orders", 0, 13, 1, "OrdersController",
        Duration.ofMillis(10)));
    metrics.notice(new Event.CallbackAborted("orders", 0, 14, "OrdersController"));
    metrics.notice(new Event.MessageFailed("orders", 0, 15, "OrdersController",
        new IllegalStateException("boom at offset 15")));
    metrics.notice(new Event.MessageFailed("orders", 0, 16, "-", new IllegalStateException()));
    metrics.notice(new Event.ParserFailed("orders", 0, 17, new ParserException("bad json")));

    assertEquals(4, count("karafka.messages.performed", "topic", "orders", "partition", "0",
        "controller", "OrdersController"));
    FunctionTimer took = registry.get("karafka.messages.perform.duration")
        .tag("controller", "OrdersController").functionTimer();
    assertEquals(2, took.count(), "one per perform call");
    assertEquals(40, took.totalTime(TimeUnit.MILLISECONDS), 0.001);
    assertEquals(1, count("karafka.messages.aborted", "controller", "OrdersController"));
    assertEquals(1, count("karafka.messages.failed", "controller", "OrdersController", "error",
        "java.lang.IllegalStateException"));
    assertEquals(1, count("karafka.messages.failed", "controller", "-"));
    assertEquals(1, count("karafka.messages.parse.failed", "topic", "orders", "partition", "0"));
  }

  @Test
  void jobEventsCountPerQueueAndWorker() {
    Job job = job(Instant.now());
    metrics.notice(new Event.JobsEnqueued(List.of(job, job(Instant.now()))));
    metrics.notice(new Event.JobPerformed(job, Duration.ofMillis(5)));
    metrics.notice(new Event.JobFailed(job, new IllegalArgumentException("job 42 failed")));
    metrics.notice(new Event.JobRetried(job, Instant.now()));
    metrics.notice(new Event.JobDead(job));
    metrics.notice(new Event.JobsRecovered("redis://127.0.0.1:6379/0", "host:1:abc", 3,
        Duration.ofSeconds(60)));
    metrics.notice(new Event.WorkerStopped(2, Map.of("mail", 4), 1));

    assertEquals(2, count("karafka.jobs.enqueued", "queue", "mail", "worker", "MailWorker"));
    assertEquals(1, count("karafka.jobs.performed", "queue", "mail", "worker", "MailWorker"));
    assertEquals(1, registry.get("karafka.jobs.duration").tag("worker", "MailWorker").timer()
        .count());
    assertEquals(1, count("karafka.jobs.failed", "error", "java.lang.IllegalArgumentException"));
    assertEquals(1, count("karafka.jobs.retried", "queue", "mail"));
    assertEquals(1, count("karafka.jobs.dead", "queue", "mail"));
    assertEquals(3, count("karafka.jobs.recovered", "store", "redis://127.0.0.1:6379/0"));
    assertEquals(4, count("karafka.jobs.handed.back", "queue", "mail"));
    assertEquals(1, count("karafka.jobs.unacknowledged"));
  }

  @Test
  void processEventsCountResponsesRebalancesOutagesAndErrors() {
    metrics.notice(new Event.ResponsesSent("OrdersResponder", List.of("audit", "audit",
        "mail")));
    metrics.notice(new Event.Rebalanced("app_orders", List.of("orders-0", "orders-1"),
        List.of()));
    metrics.notice(new Event.Rebalanced("app_orders", List.of(), List.of("orders-1")));
    RuntimeException refused = new RuntimeException("Connection refused");
    metrics.notice(new Event.DependencyDown("job store", "redis://r:6379/0", "refused",
        "messages wait", refused));
    metrics.notice(new Event.DependencyStillDown("job store", "redis://r:6379/0", "refused",
        Duration.ofMinutes(1), 7));
    metrics.notice(new Event.DependencyRecovered("job store", "redis://r:6379/0",
        Duration.ofSeconds(90), 9));
    metrics.notice(new Event.ErrorOccurred("kafka-consumer app_orders", refused));

    assertEquals(2, count("karafka.responses.sent", "responder", "OrdersResponder", "topic",
        "audit"));
    assertEquals(1, count("karafka.responses.sent", "topic", "mail"));
    assertEquals(2, count("karafka.rebalances", "group", "app_orders"));
    assertEquals(2, count("karafka.partitions.assigned", "group", "app_orders"));
    assertEquals(1, count("karafka.partitions.revoked", "group", "app_orders"));
    assertEquals(1, count("karafka.dependency.outages", "dependency", "job store"));
    assertEquals(90, registry.get("karafka.dependency.downtime").tag("dependency", "job store")
        .timer().totalTime(TimeUnit.SECONDS), 0.001);
    assertEquals(1, count("karafka.errors", "source", "kafka-consumer app_orders", "error",
        "java.lang.RuntimeException"));
  }

  @Test
  void aTagSetIsRegisteredOnceAndItsMeterReused() {
    metrics.notice(new Event.MessagesReceived("g", "t", 0, 1));
    Counter first = registry.get("karafka.messages.received").counter();
    int meters = registry.getMeters().size();
    for (int i = 0; i < 1_000; i++) {
      metrics.notice(new Event.MessagesReceived("g", "t", 0, 1));
    }
    assertSame(first, registry.get("karafka.messages.received").counter());
    assertEquals(meters, registry.getMeters().size());
    assertEquals(1_001, first.count());
  }

  @Test
  void aFirstRunsLatencyRunsFromCreationToItsStartOnTheAppsClock() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    KarafkaApp app = KarafkaApp.builder().setup(c -> c.name("latency").clock(clock)
        .monitor(Monitor.combine(metrics))).routes(r -> r.topic("t").controller(
            TestControllers.Noop.class)).build();
    metrics.bind(app);
    Job created = job(clock.instant());
    clock.advance(Duration.ofSeconds(10));
    metrics.notice(new Event.JobPerformed(created, Duration.ofSeconds(2)));
    Job scheduled = job(clock.instant().minusSeconds(60)).scheduledAt(clock.instant()
        .minusSeconds(3));
    metrics.notice(new Event.JobPerformed(scheduled, Duration.ofSeconds(1)));
    Job retried = created.failed(io.karafka.job.JobError.of(new RuntimeException(),
        clock.instant(), null), true);
    metrics.notice(new Event.JobPerformed(retried, Duration.ofSeconds(1)));

    Timer latency = registry.get("karafka.jobs.latency").tag("queue", "mail").timer();
    assertEquals(2, latency.count(), "first runs only: a retry waited for its back-off");
    assertEquals(8 + 2, latency.totalTime(TimeUnit.SECONDS), 0.001,
        "started 8 s after creation; 2 s after its scheduled time");
  }

  private static Job job(Instant createdAt) {
    return Job.create("job-" + createdAt.toEpochMilli(), Worker.named("MailWorker")
        .queue("mail"), "orders", "{}", createdAt);
  }

  private double count(String name, String... tags) {
    return registry.get(name).tags(tags).counter().count();
  }
}
