package io.karafka.monitor;

import io.karafka.job.Job;
import io.karafka.parse.ParserException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Objects;

/**
 * Everything Karafka tells a {@link Monitor}. A closed set: handle it with an exhaustive
 * {@code switch}, and the compiler tells you when a new kind of event appears.
 *
 * <pre>{@code
 * Monitor metrics = event -> {
 *   switch (event) {
 *     case Event.MessagePerformed e -> counter("performed", e.topic()).increment();
 *     case Event.JobDead e -> alert(e.job());
 *     default -> { }
 *   }
 * };
 * }</pre>
 */
public sealed interface Event {
  /**
   * A batch of messages of one partition reached the dispatcher.
   *
   * @param group consumer group
   * @param topic route topic
   * @param partition partition
   * @param count how many messages
   */
  record MessagesReceived(String group, String topic, int partition, int count) implements Event {}

  /**
   * A {@code beforeEnqueue} callback returned false: the message is neither enqueued nor
   * performed, and counts as handled.
   *
   * @param topic route topic
   * @param partition partition
   * @param offset offset of the (first) message
   * @param controller the controller class name
   */
  record CallbackAborted(String topic, int partition, long offset, String controller)
      implements Event {}

  /**
   * The route's parser failed; the params hold the raw payload under {@code "message"}.
   *
   * @param topic route topic
   * @param partition partition
   * @param offset offset
   * @param error the parser's error
   */
  record ParserFailed(String topic, int partition, long offset, ParserException error)
      implements Event {}

  /**
   * A controller performed in the consuming process (inline mode), responses sent.
   *
   * @param topic route topic
   * @param partition partition
   * @param firstOffset offset of the (first) message
   * @param count messages performed (more than one in batch mode)
   * @param controller controller class name
   * @param took how long perform and responding took
   * @param traceId the W3C trace id of the (first) message, when it had a {@code traceparent}
   */
  record MessagePerformed(String topic, int partition, long firstOffset, int count,
                          String controller, Duration took, Optional<String> traceId)
      implements Event {
    /** A message without a trace context. */
    public MessagePerformed(String topic, int partition, long firstOffset, int count,
                            String controller, Duration took) {
      this(topic, partition, firstOffset, count, controller, took, Optional.empty());
    }
  }

  /**
   * Handling a message failed in the consuming process (a callback or an inline perform threw,
   * or enqueuing failed); the message is not committed and the consumer decides what is next.
   *
   * @param topic route topic
   * @param partition partition
   * @param offset offset of the failed message
   * @param controller controller class name, or {@code "-"} when none was reached
   * @param error what was thrown
   * @param traceId the W3C trace id of the message, when it had a {@code traceparent}
   */
  record MessageFailed(String topic, int partition, long offset, String controller,
                       Throwable error, Optional<String> traceId) implements Event {
    /** A message without a trace context. */
    public MessageFailed(String topic, int partition, long offset, String controller,
                         Throwable error) {
      this(topic, partition, offset, controller, error, Optional.empty());
    }
  }

  /**
   * A consumer will read a failed message again: its partition waits until then
   * ({@code kafka.retryBackoff}, doubling up to {@code kafka.maxRetryBackoff}).
   *
   * @param group the consumer group
   * @param topic Kafka's topic name
   * @param partition partition
   * @param offset the failed message's offset, where reading starts again
   * @param attempts tries of that message so far
   * @param at when it is read again
   */
  record MessageRetrying(String group, String topic, int partition, long offset, int attempts,
                         Instant at) implements Event {}

  /**
   * Messages that failed {@code kafka.maxAttempts} times went to the dead-letter topic (which
   * acknowledged them); their partition goes on after them.
   *
   * @param group the consumer group
   * @param topic Kafka's topic name they came from
   * @param partition partition
   * @param offsets their offsets
   * @param deadLetterTopic Kafka's name of the dead-letter topic
   * @param attempts tries of the first of them
   */
  record MessagesDeadLettered(String group, String topic, int partition, List<Long> offsets,
                              String deadLetterTopic, int attempts) implements Event {
    /** Copies. */
    public MessagesDeadLettered {
      offsets = List.copyOf(offsets);
    }
  }

  /**
   * Responses were validated and acknowledged by the producer.
   *
   * @param responder responder class name
   * @param topics the Kafka topics written, one entry per message
   */
  record ResponsesSent(String responder, List<String> topics) implements Event {
    /** Copies. */
    public ResponsesSent {
      topics = List.copyOf(topics);
    }
  }

  /**
   * Jobs were accepted by the job queue.
   *
   * @param jobs the jobs
   */
  record JobsEnqueued(List<Job> jobs) implements Event {
    /** Copies. */
    public JobsEnqueued {
      jobs = List.copyOf(jobs);
    }
  }

  /**
   * The job store skipped jobs of re-consumed messages: it had already durably enqueued them
   * (same topic incarnation, offsets at or below its watermark for the partition). The messages
   * count as handled; nothing is lost, nothing runs twice.
   *
   * @param group consumer group
   * @param topic route topic
   * @param partition partition
   * @param offsets the skipped offsets, in order, at least one
   */
  record DuplicatesSkipped(String group, String topic, int partition, List<Long> offsets)
      implements Event {
    /** Validates and copies. */
    public DuplicatesSkipped {
      Objects.requireNonNull(group, "group");
      Objects.requireNonNull(topic, "topic");
      offsets = List.copyOf(offsets);
      if (offsets.isEmpty()) {
        throw new IllegalArgumentException("at least one skipped offset");
      }
    }
  }

  /**
   * A background job's perform finished.
   *
   * @param job the job
   * @param took how long it ran
   */
  record JobPerformed(Job job, Duration took) implements Event {}

  /**
   * A background job's perform failed ({@code afterFailure} has run).
   *
   * @param job the job, with the attempt's retry count
   * @param error what was thrown (a {@code JobTimeoutException} for a timeout)
   */
  record JobFailed(Job job, Throwable error) implements Event {}

  /**
   * A failed job was scheduled to run again.
   *
   * @param job the job with its new retry count and error
   * @param at when it runs again
   */
  record JobRetried(Job job, Instant at) implements Event {}

  /**
   * A job used up its retries and moved to the dead set.
   *
   * @param job the job with its last error
   */
  record JobDead(Job job) implements Event {}

  /**
   * A job store gave the jobs of a worker process that stopped heartbeating (killed, or cut off
   * for longer than its heartbeat TTL or lease) back to their queues: they run again.
   *
   * @param store the store's address, secrets masked
   * @param owner the worker process (or lease) whose jobs they were
   * @param count how many jobs went back
   * @param silentFor how long the owner had been silent at least
   */
  record JobsRecovered(String store, String owner, long count, Duration silentFor)
      implements Event {}

  /**
   * A worker stopped gracefully ({@code close()}): what it finished after the stop began, what
   * it handed back to the queues, and how many acknowledgements the store never took (those jobs
   * stay leased and run again once their lease expires).
   *
   * @param finished jobs that ended (done, retried or dead) after the stop began
   * @param handedBack jobs put back, by queue
   * @param unacknowledged acknowledgements the store refused until the end
   */
  record WorkerStopped(int finished, java.util.Map<String, Integer> handedBack,
                       int unacknowledged) implements Event {
    /** Copies. */
    public WorkerStopped {
      handedBack = java.util.Map.copyOf(handedBack);
    }
  }

  /**
   * A consumer group's partitions changed hands.
   *
   * @param group the consumer group
   * @param assigned partitions now ours, as {@code topic-partition}
   * @param revoked partitions taken away, as {@code topic-partition}
   */
  record Rebalanced(String group, List<String> assigned, List<String> revoked) implements Event {
    /** Copies. */
    public Rebalanced {
      assigned = List.copyOf(assigned);
      revoked = List.copyOf(revoked);
    }
  }

  /**
   * A consumer group's committed offset of a partition was written for an earlier incarnation of
   * its topic (deleted and recreated under the same name; Kafka keeps offsets by name), or a member
   * kept the partition, and its position, through the recreation; that offset is not used: the
   * partition is read as if the group had none, from the beginning or, when the group does not
   * start from the beginning, from the end.
   *
   * @param group the consumer group
   * @param topic Kafka's topic name
   * @param partition partition
   * @param oldTopicId the topic id the stale offset was taken on
   * @param newTopicId the topic's id now
   * @param staleOffset the offset not used (committed, or the position kept)
   * @param fromBeginning whether the partition is read from its beginning (else its end)
   */
  record TopicRecreated(String group, String topic, int partition, String oldTopicId,
                        String newTopicId, long staleOffset, boolean fromBeginning)
      implements Event {}

  /**
   * An outside dependency (Kafka, the producer, a job store, a LISTEN connection) stopped
   * working: the first failure after it was up. Told once per outage; while it stays down,
   * {@link DependencyStillDown} reminds, and {@link DependencyRecovered} ends the outage.
   *
   * @param dependency what it is, e.g. {@code "kafka group app_users"} or {@code "job store"}
   * @param address where it is, secrets masked, e.g. {@code "redis://app:****@redis:6379/0"}
   * @param reason the root cause, in the server's own words where it gave any
   * @param consequence what the process does meanwhile, e.g. {@code "messages wait in Kafka"}
   * @param error the failure as thrown
   */
  record DependencyDown(String dependency, String address, String reason, String consequence,
                        Throwable error) implements Event {
    /** Validates. */
    public DependencyDown {
      Objects.requireNonNull(dependency, "dependency");
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(consequence, "consequence");
      Objects.requireNonNull(error, "error");
    }
  }

  /**
   * A dependency is still down: told once per reminder interval ({@code monitor.reminderInterval},
   * default 1 min) for as long as the outage lasts.
   *
   * @param dependency what it is
   * @param address where it is, secrets masked
   * @param reason the latest root cause
   * @param downFor how long it has been down
   * @param attempts failed attempts since it went down
   */
  record DependencyStillDown(String dependency, String address, String reason, Duration downFor,
                             long attempts) implements Event {
    /** Validates. */
    public DependencyStillDown {
      Objects.requireNonNull(dependency, "dependency");
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(downFor, "downFor");
    }
  }

  /**
   * A dependency that was down works again: the outage is over.
   *
   * @param dependency what it is
   * @param address where it is, secrets masked
   * @param downFor how long it was down
   * @param attempts failed attempts during the outage
   */
  record DependencyRecovered(String dependency, String address, Duration downFor, long attempts)
      implements Event {
    /** Validates. */
    public DependencyRecovered {
      Objects.requireNonNull(dependency, "dependency");
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(downFor, "downFor");
    }
  }

  /**
   * Something failed outside the flow of one message (a connection, a monitor, a commit).
   *
   * @param source what failed, e.g. {@code "kafka-consumer users_group"}
   * @param error what was thrown
   */
  record ErrorOccurred(String source, Throwable error) implements Event {
    /** Validates. */
    public ErrorOccurred {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(error, "error");
    }
  }
}
