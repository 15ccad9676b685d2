package io.karafka.testkit;

import io.karafka.app.JobSettings;
import io.karafka.app.KarafkaApp;
import io.karafka.consumer.BatchResult;
import io.karafka.job.Job;
import io.karafka.monitor.Event;
import io.karafka.monitor.Monitor;
import io.karafka.params.RawParams;
import io.karafka.producer.OutgoingMessage;
import io.karafka.routing.Route;
import io.karafka.server.KarafkaServer;
import io.karafka.worker.KarafkaWorker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Unit-tests an app's controllers and responders with no broker and no job store server: messages
 * go through the real routing, callbacks, parser, dispatcher and worker runtime; Kafka, the
 * producer and the job store are in-memory fakes; time is a {@link MutableClock}.
 *
 * <pre>{@code
 * try (KarafkaTestKit kit = KarafkaTestKit.of(App.build())) {
 *   kit.publish("users_create", TestMessage.json("{\"name\":\"Ada\"}").key("u-1"));
 *   assertEquals(1, kit.enqueued().size());
 *   kit.runJobs();
 *   assertEquals("{\"name\":\"Ada\"}", kit.published("users_created").getFirst().payloadString());
 * }
 * }</pre>
 *
 * Not thread-safe: drive it from the test's thread.
 */
public final class KarafkaTestKit implements AutoCloseable {
  private static final Duration DRAIN_LIMIT = Duration.ofSeconds(30);

  private final KarafkaApp app;
  private final MutableClock clock;
  private final RecordingMonitor monitor = new RecordingMonitor();
  private final InMemoryProducer producer = new InMemoryProducer();
  private final InMemoryJobStore jobStore;
  private final InMemoryMessageSource source;
  private final KarafkaServer server;

  private KarafkaTestKit(KarafkaApp original, MutableClock clock) {
    this.clock = clock;
    this.app = original.withClock(clock).withMonitor(Monitor.combine(original.monitor(), monitor));
    this.jobStore = new InMemoryJobStore(clock);
    this.source = new InMemoryMessageSource(clock);
    this.server = KarafkaServer.builder(app).source(source).producer(producer).jobQueue(jobStore)
        .build();
    server.start();
  }

  /** @return a kit running the app on fakes, its clock at the current time */
  public static KarafkaTestKit of(KarafkaApp app) {
    return new KarafkaTestKit(Objects.requireNonNull(app, "app"), MutableClock.now());
  }

  /**
   * Delivers messages to a topic, each as its own poll.
   *
   * @param topic the route's topic (the app's name; the topic mapper is applied)
   * @return what the dispatcher reported for each, in order
   */
  public List<BatchResult> publish(String topic, TestMessage... messages) {
    List<BatchResult> results = new ArrayList<>();
    for (TestMessage message : messages) {
      results.add(source.deliver(kafkaTopic(topic), List.of(message)));
    }
    return results;
  }

  /**
   * Delivers messages of one partition as a single poll (what batch mode handles at once).
   *
   * @return what the dispatcher reported
   */
  public BatchResult publishBatch(String topic, TestMessage... messages) {
    return source.deliver(kafkaTopic(topic), List.of(messages));
  }

  /**
   * Performs every due background job with the real worker runtime (one thread, in order),
   * including retries that fall due meanwhile, until no job is waiting or running.
   *
   * @return how many performs succeeded
   */
  public int runJobs() {
    int before = monitor.events(Event.JobPerformed.class).size();
    JobSettings defaults = app.config().jobs();
    Set<String> queues = new LinkedHashSet<>(defaults.queueNames());
    queues.addAll(jobStore.stats().queued().keySet());
    jobStore.retries().forEach(job -> queues.add(job.queue()));
    JobSettings settings = new JobSettings(1, false, List.copyOf(queues), defaults.retry(),
        defaults.retryPolicy(), defaults.timeout(), Duration.ofSeconds(5), Duration.ofMillis(5),
        defaults.deadMaxJobs(), defaults.deadTimeout());
    KarafkaWorker worker = KarafkaWorker.builder(app, jobStore, producer).settings(settings)
        .build();
    worker.start();
    try {
      long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
      while (jobStore.stats().totalQueued() > 0 || jobStore.stats().running() > 0
          || jobStore.due() > 0) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("jobs still waiting or running after " + DRAIN_LIMIT
              + ": " + jobStore.stats());
        }
        Thread.sleep(2);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      worker.close();
    }
    return monitor.events(Event.JobPerformed.class).size() - before;
  }

  /** Moves the kit's clock, so scheduled jobs and retries fall due. */
  public void advance(Duration by) {
    clock.advance(by);
  }

  /** @return every message sent by responders, in order */
  public List<OutgoingMessage> published() {
    return producer.sent();
  }

  /** @return the messages sent to a topic (the app's name; the topic mapper is applied) */
  public List<OutgoingMessage> published(String topic) {
    return producer.sent(app.config().topicMapper().outgoing(topic));
  }

  /** @return every job enqueued so far, in order */
  public List<Job> enqueued() {
    return monitor.events(Event.JobsEnqueued.class).stream().flatMap(e -> e.jobs().stream())
        .toList();
  }

  /** @return every finished perform, inline or background, in order */
  public List<Performed> performed() {
    List<Performed> all = new ArrayList<>();
    for (Event event : monitor.events()) {
      if (event instanceof Event.MessagePerformed p) {
        all.add(new Performed(p.topic(), p.partition(), p.firstOffset(), p.count(), true));
      } else if (event instanceof Event.JobPerformed p) {
        Route route = app.route(p.job().topic()).orElseThrow();
        List<RawParams> params = route.interchanger().decode(p.job().payload());
        RawParams first = params.getFirst();
        all.add(new Performed(p.job().topic(), first.message().partition(),
            first.message().offset(), params.size(), false));
      }
    }
    return all;
  }

  /** @return the committed offset (next to read) of a partition of a topic (the app's name) */
  public OptionalLong committed(String topic, int partition) {
    return source.committed(kafkaTopic(topic), partition);
  }

  /** @return the events of one kind, in order */
  public <T extends Event> List<T> events(Class<T> type) {
    return monitor.events(type);
  }

  /** @return the recording monitor */
  public RecordingMonitor monitor() {
    return monitor;
  }

  /** @return the in-memory job store */
  public InMemoryJobStore jobStore() {
    return jobStore;
  }

  /** @return the in-memory producer */
  public InMemoryProducer producer() {
    return producer;
  }

  /** @return the kit's clock */
  public MutableClock clock() {
    return clock;
  }

  /** @return the app as the kit runs it (kit clock, recording monitor) */
  public KarafkaApp app() {
    return app;
  }

  @Override
  public void close() {
    server.close();
    jobStore.close();
  }

  private String kafkaTopic(String topic) {
    return app.config().topicMapper().outgoing(topic);
  }
}
