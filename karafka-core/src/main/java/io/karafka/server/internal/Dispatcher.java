package io.karafka.server.internal;

import io.karafka.app.KarafkaApp;
import io.karafka.app.internal.ControllerRunner;
import io.karafka.app.internal.ControllerRunner.Invocation;
import io.karafka.consumer.Batch;
import io.karafka.consumer.BatchHandler;
import io.karafka.consumer.BatchResult;
import io.karafka.job.ConsumedJobs;
import io.karafka.job.Job;
import io.karafka.job.JobId;
import io.karafka.job.JobQueue;
import io.karafka.job.JobStore;
import io.karafka.job.JobStoreUnavailableException;
import io.karafka.message.Message;
import io.karafka.message.TraceContext;
import io.karafka.monitor.Dependency;
import io.karafka.monitor.Event;
import io.karafka.monitor.Monitor;
import io.karafka.params.RawParams;
import io.karafka.producer.Producer;
import io.karafka.routing.Route;
import io.karafka.routing.RoutingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * From a batch of one partition to routes, controllers, callbacks, then inline perform or
 * enqueue. Reports as committable only what was performed, durably enqueued or aborted, in order.
 * Jobs go to the queue as {@link ConsumedJobs} with the batch's topic id, so the store skips
 * messages it already enqueued (told as {@link Event.DuplicatesSkipped}). Never throws.
 * Thread-safe: partitions may be dispatched in parallel.
 */
public final class Dispatcher implements BatchHandler {
  private final KarafkaApp app;
  private final ControllerRunner runner;
  private final JobQueue jobQueue;
  /** Per-key mode's lanes, bounded by {@code kafka.perKeyMaxInFlight} in the process. */
  private final KeyLanes lanes;
  private final Monitor monitor;
  /** The job store's state as the consumer sees it; null for an inline queue or none. */
  private final Dependency store;

  /**
   * @param jobQueue where background jobs go; null when every route is inline
   */
  public Dispatcher(KarafkaApp app, Producer producer, JobQueue jobQueue) {
    this.app = app;
    this.runner = new ControllerRunner(producer, app.monitor(),
        app.config().topicMapper());
    this.jobQueue = jobQueue;
    this.lanes = new KeyLanes(app.config().kafka().perKeyMaxInFlight());
    this.monitor = app.monitor();
    this.store = jobQueue instanceof JobStore js ? app.dependencies().track("job store",
        js.address(), "messages of background routes wait in Kafka; offsets are not committed"
            + " past them") : null;
  }

  @Override
  public BatchResult handle(Batch batch) {
    String topic = app.config().topicMapper().incoming(batch.topic());
    Route route = app.route(topic).orElse(null);
    if (route == null) {
      RoutingException error = new RoutingException("no route for topic '" + topic + "' (Kafka"
          + " topic '" + batch.topic() + "'); routes: " + app.routes().stream()
          .map(Route::topic).toList());
      return fail(batch.messages().getFirst().withTopic(topic), "-", error);
    }
    List<Message> messages = topic.equals(batch.topic()) ? batch.messages()
        : batch.messages().stream().map(m -> m.withTopic(topic)).toList();
    monitor.notice(new Event.MessagesReceived(batch.group(), topic, batch.partition(),
        messages.size()));
    Consumed consumed = new Consumed(batch.group(), route, batch.partition(), batch.topicId());
    if (route.batchMode()) {
      return handleBatch(consumed, route, messages);
    }
    return route.perKey() ? handlePerKey(consumed, route, messages)
        : handleEach(consumed, route, messages);
  }

  private BatchResult handleEach(Consumed consumed, Route route, List<Message> messages) {
    List<Job> pending = new ArrayList<>();
    List<Long> offsets = new ArrayList<>();
    Message firstPending = null;
    List<Sent> sent = new ArrayList<>(); // inline responses Kafka has yet to acknowledge
    for (Message message : messages) {
      String controller = route.controllerName();
      try {
        Invocation invocation = runner.invoke(route, List.of(RawParams.of(message)),
            route.worker());
        if (!invocation.runCallbacks()) {
          monitor.notice(new Event.CallbackAborted(route.topic(), message.partition(),
              message.offset(), controller));
          continue;
        }
        if (route.inlineMode()) {
          sent.add(new Sent(message, performInline(route, invocation, message, 1)));
        } else {
          pending.add(job(consumed, invocation, message, message));
          offsets.add(message.offset());
          if (firstPending == null) {
            firstPending = message;
          }
        }
      } catch (Throwable e) {
        rethrowFatal(e);
        BatchResult unsent = awaitSent(sent, controller);
        if (unsent != null) {
          return unsent;
        }
        BatchResult flushed = flush(consumed, pending, offsets, firstPending);
        return flushed instanceof BatchResult.Failed ? flushed : fail(message, controller, e);
      }
    }
    BatchResult unsent = awaitSent(sent, route.controllerName());
    if (unsent != null) {
      return unsent;
    }
    BatchResult flushed = flush(consumed, pending, offsets, firstPending);
    return flushed != null ? flushed
        : new BatchResult.Handled(messages.getLast().offset() + 1);
  }

  /**
   * Per-key mode: in parallel across keys, in order per key; see {@link KeyLanes}. Inline, the
   * lanes perform; in the background they run the callbacks, and the jobs are enqueued together
   * in offset order, up to the lowest failure.
   */
  private BatchResult handlePerKey(Consumed consumed, Route route, List<Message> messages) {
    String controller = route.controllerName();
    Map<Long, Job> jobs = new ConcurrentHashMap<>();
    List<KeyLanes.Failure> failures = lanes.run(messages, message -> {
      Invocation invocation = runner.invoke(route, List.of(RawParams.of(message)),
          route.worker());
      if (!invocation.runCallbacks()) {
        monitor.notice(new Event.CallbackAborted(route.topic(), message.partition(),
            message.offset(), controller));
      } else if (route.inlineMode()) {
        return performInline(route, invocation, message, 1);
      } else {
        jobs.put(message.offset(), job(consumed, invocation, message, message));
      }
      return CompletableFuture.completedFuture(null);
    });
    long failedAt = failures.isEmpty() ? Long.MAX_VALUE
        : failures.getFirst().message().offset();
    if (!jobs.isEmpty()) {
      List<Job> pending = new ArrayList<>();
      List<Long> offsets = new ArrayList<>();
      Message firstPending = null;
      for (Message m : messages) {
        Job job = m.offset() < failedAt ? jobs.get(m.offset()) : null;
        if (job != null) {
          pending.add(job);
          offsets.add(m.offset());
          firstPending = firstPending == null ? m : firstPending;
        }
      }
      BatchResult flushed = flush(consumed, pending, offsets, firstPending);
      if (flushed != null) {
        return flushed;
      }
    }
    if (failures.isEmpty()) {
      return new BatchResult.Handled(messages.getLast().offset() + 1);
    }
    for (KeyLanes.Failure f : failures.subList(1, failures.size())) {
      monitor.notice(new Event.MessageFailed(f.message().topic(), f.message().partition(),
          f.message().offset(), controller, f.error(), traceId(f.message())));
    }
    return fail(failures.getFirst().message(), controller, failures.getFirst().error());
  }

  private BatchResult handleBatch(Consumed consumed, Route route, List<Message> messages) {
    Message first = messages.getFirst();
    String controller = route.controllerName();
    try {
      Invocation invocation = runner.invoke(route,
          messages.stream().map(RawParams::of).toList(), route.worker());
      if (!invocation.runCallbacks()) {
        monitor.notice(new Event.CallbackAborted(route.topic(), first.partition(),
            first.offset(), controller));
      } else if (route.inlineMode()) {
        BatchResult unsent = awaitSent(List.of(new Sent(first,
            performInline(route, invocation, first, messages.size()))), controller);
        if (unsent != null) {
          return unsent;
        }
      } else {
        BatchResult flushed = flush(consumed, List.of(job(consumed, invocation, first,
            messages.getLast())), List.of(messages.getLast().offset()), first);
        if (flushed != null) {
          return flushed;
        }
      }
      return new BatchResult.Handled(messages.getLast().offset() + 1);
    } catch (Throwable e) {
      rethrowFatal(e);
      return fail(first, controller, e);
    }
  }

  /** @return completes when Kafka acknowledged the responses of the perform */
  private CompletableFuture<Void> performInline(Route route, Invocation invocation,
                                                Message first, int count) throws Exception {
    long start = System.nanoTime();
    CompletableFuture<Void> acked = invocation.performAsync();
    monitor.notice(new Event.MessagePerformed(route.topic(), first.partition(), first.offset(),
        count, route.controllerName(), Duration.ofNanos(System.nanoTime() - start),
        invocation.trace().map(TraceContext::traceId)));
    return acked;
  }

  /**
   * Waits once for the responses of the messages performed inline, so that they share the
   * producer's batches and the offsets are committed only once they are safe.
   *
   * @return null when every one was acknowledged; else a failure at the first refused message
   */
  private BatchResult awaitSent(List<Sent> sent, String controller) {
    for (Sent s : sent) {
      Throwable error = s.awaitError();
      if (error != null) {
        return fail(s.message(), controller, error);
      }
    }
    return null;
  }

  private Job job(Consumed consumed, Invocation invocation, Message first, Message last) {
    Route route = consumed.route();
    String id = JobId.ofBatch(consumed.group(), route.topic(), first.partition(), first.offset(),
        last.offset(), consumed.topicId(), first.timestamp(), last.timestamp());
    String payload = route.interchanger().encode(invocation.rawParams());
    Job job = Job.create(id, invocation.worker(), route.topic(), payload,
        app.config().clock().instant()).traced(invocation.trace());
    return invocation.performAt().map(job::scheduledAt).orElse(job);
  }

  /** @return null when there was nothing to enqueue or it worked; a failure otherwise */
  private BatchResult flush(Consumed consumed, List<Job> pending, List<Long> offsets,
                            Message firstPending) {
    if (pending.isEmpty()) {
      return null;
    }
    try {
      if (jobQueue == null) {
        throw new IllegalStateException("route '" + firstPending.topic() + "' performs in the"
            + " background but no job queue is wired");
      }
      String topic = consumed.route().topic();
      List<Long> skipped = jobQueue.enqueue(new ConsumedJobs(consumed.group(), topic,
          consumed.partition(), consumed.topicId(), pending, offsets));
      if (store != null) {
        store.succeeded();
      }
      if (!skipped.isEmpty()) {
        monitor.notice(new Event.DuplicatesSkipped(consumed.group(), topic,
            consumed.partition(), skipped));
      }
      List<Job> enqueued = skipped.isEmpty() ? pending : notSkipped(pending, offsets, skipped);
      if (!enqueued.isEmpty()) {
        monitor.notice(new Event.JobsEnqueued(enqueued));
      }
      return null;
    } catch (RuntimeException e) {
      if (store != null && e instanceof JobStoreUnavailableException) {
        store.failed(e);
      }
      return fail(firstPending, "-", e);
    }
  }

  private static List<Job> notSkipped(List<Job> jobs, List<Long> offsets, List<Long> skipped) {
    java.util.Set<Long> gone = new java.util.HashSet<>(skipped);
    List<Job> kept = new ArrayList<>(jobs.size());
    for (int i = 0; i < jobs.size(); i++) {
      if (!gone.contains(offsets.get(i))) {
        kept.add(jobs.get(i));
      }
    }
    return kept;
  }

  private static java.util.Optional<String> traceId(Message message) {
    return message.headers().isEmpty() ? java.util.Optional.empty()
        : TraceContext.from(message.headers()).map(TraceContext::traceId);
  }

  private static void rethrowFatal(Throwable e) {
    if (e instanceof VirtualMachineError fatal) {
      throw fatal;
    }
  }

  private BatchResult fail(Message message, String controller, Throwable error) {
    monitor.notice(new Event.MessageFailed(message.topic(), message.partition(), message.offset(),
        controller, error, traceId(message)));
    return BatchResult.Failed.at(message, error);
  }

  /** Where the jobs of one batch come from: group, route, partition, topic incarnation. */
  private record Consumed(String group, Route route, int partition, String topicId) {}
}
