package io.karafka.server;

import io.karafka.app.ConfigProblem;
import io.karafka.app.ConfigurationException;
import io.karafka.app.KarafkaApp;
import io.karafka.consumer.GroupStatus;
import io.karafka.consumer.MessageSource;
import io.karafka.consumer.Subscription;
import io.karafka.job.JobQueue;
import io.karafka.monitor.Event;
import io.karafka.producer.Producer;
import io.karafka.routing.Route;
import io.karafka.server.internal.Dispatcher;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The long-running consumer process (the seed's {@code karafka server}): a {@link MessageSource}
 * feeding the app's routes, a {@link Producer} for responses and a {@link JobQueue} for background
 * work, wired by hand in {@code main}.
 *
 * <pre>{@code
 * try (KarafkaServer server = KarafkaServer.builder(app)
 *     .source(new KafkaMessageSource(app))
 *     .producer(new KafkaProducerPool(app))
 *     .jobQueue(new RedisJobStore(redisSettings))
 *     .build()) {
 *   server.start();
 *   server.awaitShutdown();
 * }
 * }</pre>
 *
 * {@link #close()} stops the source, which finishes work in flight and commits what was handled.
 * The producer and the job queue are not closed: a worker in the same process may share them,
 * so whoever created them closes them (after the server). Thread-safe.
 */
public final class KarafkaServer implements AutoCloseable {
  private final KarafkaApp app;
  private final MessageSource source;
  private final Producer producer;
  private final JobQueue jobQueue;
  private final java.util.function.Predicate<String> groups;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
  private final java.util.concurrent.atomic.AtomicReference<Throwable> failure =
      new java.util.concurrent.atomic.AtomicReference<>();

  private KarafkaServer(KarafkaApp app, MessageSource source, Producer producer,
                        JobQueue jobQueue, java.util.function.Predicate<String> groups) {
    this.app = app;
    this.source = source;
    this.producer = producer;
    this.jobQueue = jobQueue;
    this.groups = groups;
  }

  /** @return a builder for a server of this app */
  public static Builder builder(KarafkaApp app) {
    return new Builder(Objects.requireNonNull(app, "app"));
  }

  /** @return the subscriptions the app's routes need: one per route, Kafka topic names */
  private static List<Subscription> subscriptions(KarafkaApp app) {
    return app.routes().stream().map(r -> new Subscription(r.group(),
        app.config().topicMapper().outgoing(r.topic()), r.batchMode(),
        app.config().startFromBeginning())).toList();
  }


  /** Starts consuming. */
  public void start() {
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("server already started");
    }
    source.onFatalError(this::fail);
    source.start(subscriptions(app).stream().filter(s -> groups.test(s.group())).toList(),
        new Dispatcher(app, producer, jobQueue));
  }

  /** @return whether every consumer group has partitions: false while still connecting */
  public boolean consuming() {
    return started.get() && source.assigned();
  }

  /** @return whether it was started and has neither stopped nor failed */
  public boolean running() {
    return started.get() && !closed.get() && failure.get() == null;
  }

  /** @return each consumer group's poll loop, as the source tells it (for health checks) */
  public List<GroupStatus> groups() {
    return source.groups();
  }

  /**
   * Blocks until {@link #close()} has finished: after a stop asked for, or after the source
   * failed beyond repair (then {@link #failure()} says why).
   */
  public void awaitShutdown() throws InterruptedException {
    stopped.await();
  }

  /**
   * @param timeout how long to wait at most
   * @return true when {@link #close()} has finished within the timeout
   */
  public boolean awaitShutdown(java.time.Duration timeout) throws InterruptedException {
    return stopped.await(timeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  /** @return why the server stopped by itself, if it did: the source's fatal error */
  public java.util.Optional<Throwable> failure() {
    return java.util.Optional.ofNullable(failure.get());
  }

  /**
   * The source cannot go on: tells the monitor and stops, on another thread (the caller's is
   * one the stop waits for).
   */
  private void fail(Throwable error) {
    if (!failure.compareAndSet(null, error)) {
      return;
    }
    app.monitor().notice(new Event.ErrorOccurred("server (stopping: its consumer failed)",
        error));
    Thread stopper = new Thread(this::close, "karafka-server-stop");
    stopper.setDaemon(false);
    stopper.start();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      closeQuietly("message source", source);
    } finally {
      stopped.countDown();
    }
  }

  private void closeQuietly(String what, AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      app.monitor().notice(new Event.ErrorOccurred("closing " + what, e));
    }
  }

  /** Wires a server; {@link #build()} checks the wiring against the routes. */
  public static final class Builder {
    private final KarafkaApp app;
    private MessageSource source;
    private Producer producer;
    private JobQueue jobQueue;
    private java.util.function.Predicate<String> groups = group -> true;

    private Builder(KarafkaApp app) {
      this.app = app;
    }

    /** Where messages come from (required). @return this */
    public Builder source(MessageSource value) {
      this.source = value;
      return this;
    }

    /** Where responses go (required). @return this */
    public Builder producer(Producer value) {
      this.producer = value;
      return this;
    }

    /** Where background jobs go (required when a route is not inline). @return this */
    public Builder jobQueue(JobQueue value) {
      this.jobQueue = value;
      return this;
    }

    /** Consumes only the consumer groups the predicate accepts (default: all). @return this */
    public Builder consumerGroups(java.util.function.Predicate<String> value) {
      this.groups = Objects.requireNonNull(value, "consumerGroups");
      return this;
    }

    /**
     * @throws ConfigurationException naming every missing piece
     */
    public KarafkaServer build() {
      List<ConfigProblem> problems = new java.util.ArrayList<>();
      if (source == null) {
        problems.add(new ConfigProblem("server.source", null, "is required", "wire a"
            + " MessageSource, e.g. .source(new KafkaMessageSource(app))"));
      }
      if (producer == null) {
        problems.add(new ConfigProblem("server.producer", null, "is required", "wire a Producer,"
            + " e.g. .producer(new KafkaProducerPool(app))"));
      }
      List<String> background = app.routes().stream().filter(r -> !r.inlineMode())
          .map(Route::topic).toList();
      if (jobQueue == null && !background.isEmpty()) {
        problems.add(new ConfigProblem("server.jobQueue", null, "routes " + background
            + " perform in the background (inlineMode false) and need a job queue", "wire one"
            + " with .jobQueue(...) (a Redis or JDBC job store, or InlineJobQueue), or set"
            + " inlineMode(true) in setup or on those routes"));
      }
      List<String> all = app.routes().stream().map(Route::group).toList();
      if (all.stream().noneMatch(groups)) {
        problems.add(new ConfigProblem("server.consumerGroups", all.toString(), "no consumer"
            + " group of the app is left to consume", "include at least one of them"));
      }
      if (!problems.isEmpty()) {
        throw new ConfigurationException(problems);
      }
      return new KarafkaServer(app, source, producer, jobQueue, groups);
    }
  }
}
