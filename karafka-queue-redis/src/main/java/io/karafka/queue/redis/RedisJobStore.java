package io.karafka.queue.redis;

import io.karafka.app.JobSettings;
import io.karafka.job.ConsumedJobs;
import io.karafka.job.Job;
import io.karafka.job.JobBrowser;
import io.karafka.job.JobStore;
import io.karafka.job.JobStoreStats;
import io.karafka.job.Lease;
import io.karafka.job.ProcessInfo;
import io.karafka.monitor.Dependencies;
import io.karafka.monitor.Monitor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import redis.clients.jedis.args.ListDirection;

/**
 * A {@link JobStore} on Redis that Sidekiq reads as its own: jobs are Sidekiq job hashes in
 * Sidekiq's keys ({@code queues}, {@code queue:<name>}, {@code schedule}, {@code retry},
 * {@code dead}, {@code stat:processed}, {@code stat:failed} and the daily ones, {@code processes}
 * with heartbeats), optionally under a namespace. Sidekiq's API and Web UI show the queues,
 * retries, dead jobs, statistics and worker processes of a Karafka deployment.
 *
 * <p>Crash safety: a fetched job moves atomically into the worker process's own list
 * ({@code karafka:working:<identity>}); when the process dies (its heartbeat, refreshed every
 * twelfth of {@code heartbeatTtl}, expires), any other worker moves those jobs back to the head of
 * their queues. Ids: a {@code karafka:jid:<jid>} key makes enqueue idempotent while the store
 * holds the job (waiting, scheduled, running, retrying, dead) and goes with it. A message consumed
 * again after its job completed is told by the watermark of {@link #enqueue(ConsumedJobs)}: one
 * field per consumer group, topic and partition in the hash {@code karafka:offsets:<group>}
 * (field {@code <topic>/<partition>}, value {@code <topic id>:<highest offset enqueued>}), so the
 * keys the store keeps follow partitions, not messages.
 *
 * <p>The heartbeat thread starts with the first {@link #fetch} (only worker processes fetch).
 * Thread-safe.
 */
public final class RedisJobStore implements JobStore, JobBrowser {
  private static final long PROMOTE_EVERY_NANOS = 20_000_000L;

  private final RedisSettings settings;
  private final JobSettings jobs;
  private final Clock clock;
  private final RedisConnection redis;
  private final RedisProcess process;
  private final RedisSections sections;
  private final RedisProcessList processes;
  private final String ns;
  private final java.util.concurrent.atomic.AtomicLong lastPromote =
      new java.util.concurrent.atomic.AtomicLong(System.nanoTime() - PROMOTE_EVERY_NANOS);
  private volatile long lastPromoteMillis = Long.MIN_VALUE / 2;

  /**
   * @param settings where Redis is
   * @param jobs dead set caps, queues and concurrency (shown to Sidekiq)
   * @param clock time for scores and statistics
   */
  public RedisJobStore(RedisSettings settings, JobSettings jobs, Clock clock) {
    this(settings, jobs, clock, Dependencies.standalone());
  }

  /**
   * As {@link #RedisJobStore(RedisSettings, JobSettings, Clock)}, telling the app's monitor
   * (through {@code app.dependencies()}) when it gives a dead worker's jobs back.
   */
  public RedisJobStore(RedisSettings settings, JobSettings jobs, Clock clock,
                       Dependencies dependencies) {
    Monitor monitor = Objects.requireNonNull(dependencies, "dependencies").monitor();
    this.settings = Objects.requireNonNull(settings, "settings");
    this.jobs = Objects.requireNonNull(jobs, "jobs");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.redis = new RedisConnection(settings);
    this.ns = settings.prefix();
    this.process = new RedisProcess(redis, settings, jobs, clock, monitor);
    this.sections = new RedisSections(redis, ns);
    this.processes = new RedisProcessList(redis, ns);
  }

  /** @return this process's identity in Sidekiq's {@code processes} set */
  public String identity() {
    return process.identity();
  }

  @Override
  public void enqueue(List<Job> batch) {
    if (batch.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    List<String> args = new ArrayList<>(1 + batch.size() * 4);
    args.add(ns);
    for (Job job : batch) {
      addJob(args, job, now);
    }
    redis.script(Scripts.ENQUEUE, args);
  }

  /**
   * Enqueues and moves the partition's watermark in one script, atomically: jobs at or below it of
   * the same topic id are skipped. With an unknown topic id, as {@link #enqueue(List)}.
   */
  @Override
  public List<Long> enqueue(ConsumedJobs consumed) {
    if (!consumed.incarnationKnown()) {
      enqueue(consumed.jobs());
      return List.of();
    }
    if (consumed.jobs().isEmpty()) {
      return List.of();
    }
    Instant now = clock.instant();
    List<String> args = new ArrayList<>(4 + consumed.jobs().size() * 5);
    args.addAll(List.of(ns, ns + "karafka:offsets:" + consumed.group(), consumed.topic() + "/"
        + consumed.partition(), consumed.topicId()));
    for (int i = 0; i < consumed.jobs().size(); i++) {
      addJob(args, consumed.jobs().get(i), now);
      args.add(String.valueOf(consumed.offsets().get(i)));
    }
    List<String> skipped = strings(redis.call(jedis -> redis.script(jedis, Scripts.ENQUEUE_CONSUMED,
        args)));
    return skipped.stream().map(Long::valueOf).toList();
  }

  /** Adds a job's script arguments: id, queue, score when scheduled (else ""), job hash. */
  private static void addJob(List<String> args, Job job, Instant now) {
    args.add(job.id());
    args.add(job.queue());
    boolean later = job.at().isPresent() && job.at().get().isAfter(now);
    args.add(later ? score(job.at().get()) : "");
    args.add(SidekiqJobs.encode(job, now));
  }

  @Override
  public List<Lease> fetch(List<String> queues, int max, Duration wait)
      throws InterruptedException {
    if (max < 1 || queues.isEmpty()) {
      throw new IllegalArgumentException("fetch needs max >= 1 and a queue");
    }
    process.startHeartbeat();
    recoverDeadProcesses();
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      boolean promote = promoteDue();
      List<String> taken = redis.call(jedis -> {
        if (promote) {
          redis.script(jedis, Scripts.PROMOTE, promoteArgs());
        }
        List<String> args = new ArrayList<>(List.of(ns, process.working(), String.valueOf(max)));
        args.addAll(queues);
        return strings(redis.script(jedis, Scripts.FETCH, args));
      });
      long left = deadline - System.nanoTime();
      if (!taken.isEmpty() || left <= 0) {
        return leases(taken);
      }
      double seconds = Math.max(0.01, Math.min(left / 1e9, queues.size() == 1 ? 1.0 : 0.1));
      String first = redis.call(jedis -> jedis.blmove(ns + "queue:" + queues.getFirst(), process.working(),
          ListDirection.RIGHT, ListDirection.LEFT, seconds));
      if (first != null) {
        List<String> all = new ArrayList<>(List.of(first));
        if (max > 1) {
          List<String> args = new ArrayList<>(List.of(ns, process.working(), String.valueOf(max - 1)));
          args.addAll(queues);
          all.addAll(redis.call(jedis -> strings(redis.script(jedis, Scripts.FETCH, args))));
        }
        return leases(all);
      }
    }
  }

  @Override
  public void complete(Lease lease) {
    finish(lease, Scripts.COMPLETE, List.of(ns, process.working(), lease.token(), lease.job().id(),
        day()));
  }

  /** Completes many jobs in one script call. */
  @Override
  public void completeAll(List<Lease> leases) {
    run(leases, List.of(), 1);
  }

  /** Completes jobs and fetches the next ones in one script call. */
  @Override
  public List<Lease> completeAllAndFetch(List<Lease> done, List<String> queues, int max) {
    return leases(run(done, queues, max));
  }

  private List<String> run(List<Lease> done, List<String> queues, int max) {
    boolean promote = !queues.isEmpty() && promoteDue();
    List<String> args = new ArrayList<>(List.of(ns, process.working(), day(), String.valueOf(max),
        String.valueOf(done.size())));
    done.forEach(lease -> args.add(lease.token()));
    done.forEach(lease -> args.add(lease.job().id()));
    args.addAll(queues);
    List<String> taken = redis.call(jedis -> {
      if (promote) {
        redis.script(jedis, Scripts.PROMOTE, promoteArgs());
      }
      return strings(redis.script(jedis, Scripts.COMPLETE_ALL_AND_FETCH, args));
    });
    done.forEach(process::released);
    return taken;
  }

  @Override
  public void retry(Lease lease, Job failed, Instant at) {
    finish(lease, Scripts.RETRY, List.of(ns, process.working(), lease.token(), score(at),
        SidekiqJobs.encode(failed, clock.instant()), day()));
  }

  @Override
  public void kill(Lease lease, Job failed) {
    Instant now = clock.instant();
    finish(lease, Scripts.KILL, List.of(ns, process.working(), lease.token(), score(now),
        SidekiqJobs.encodeDead(failed, now), day(), score(now.minus(jobs.deadTimeout())),
        String.valueOf(jobs.deadMaxJobs()), failed.id(),
        String.valueOf(Math.max(1, jobs.deadTimeout().toSeconds()))));
  }

  @Override
  public void release(Lease lease) {
    finish(lease, Scripts.RELEASE, List.of(ns, process.working(), lease.token(), lease.job().queue()));
  }

  @Override
  public String address() {
    return settings.maskedUrl();
  }

  @Override
  public JobStoreStats stats() {
    return redis.call(jedis -> {
      Map<String, Long> queued = new LinkedHashMap<>();
      Map<String, Instant> oldest = new LinkedHashMap<>();
      for (String queue : jedis.smembers(ns + "queues")) {
        queued.put(queue, jedis.llen(ns + "queue:" + queue));
        // the next job out is at the list's tail, as Sidekiq's Queue#latency reads it
        String next = jedis.lindex(ns + "queue:" + queue, -1);
        if (next != null) {
          SidekiqJobs.enqueuedAt(next).ifPresent(at -> oldest.put(queue, at));
        }
      }
      long running = 0;
      for (String worker : jedis.smembers(ns + "karafka:workers")) {
        running += jedis.llen(ns + "karafka:working:" + worker);
      }
      return new JobStoreStats(queued, running, jedis.zcard(ns + "schedule"),
          jedis.zcard(ns + "retry"), jedis.zcard(ns + "dead"), number(jedis.get(ns
          + "stat:processed")), number(jedis.get(ns + "stat:failed")), oldest);
    });
  }

  /**
   * Reads Sidekiq's sorted sets: {@code schedule} and {@code retry} by time, {@code dead} the
   * most recent first; each job's {@link Job#at()} is its score there.
   */
  @Override
  public List<Job> jobs(Section section, int offset, int limit) {
    return sections.jobs(section, offset, limit);
  }

  @Override
  public long count(Section section) {
    return sections.count(section);
  }

  /** Pushes the job to the head of its queue's line, as Sidekiq's "retry now" / "add to queue". */
  @Override
  public boolean runNow(Section section, String jobId) {
    return sections.act(section, jobId, "run");
  }

  /**
   * Removes the job and forgets its id; a message consumed again is still told by its
   * partition's watermark, so it does not bring the job back.
   */
  @Override
  public boolean delete(Section section, String jobId) {
    return sections.act(section, jobId, "delete");
  }

  /** Sidekiq's {@code processes} set, as its Busy page reads it (Sidekiq processes too). */
  @Override
  public List<ProcessInfo> processes() {
    return processes.read();
  }

  /**
   * Moves the jobs of worker processes whose heartbeat expired back to their queues, and tells
   * the monitor how many of whose ({@code JobsRecovered}). Runs by itself from {@link #fetch}
   * once per heartbeat interval, and only once this store has reached Redis without a failure
   * for a whole heartbeat TTL: after an outage, live workers get that long to beat again, so their
   * jobs are never taken for a dead process's.
   *
   * @return how many jobs went back
   */
  public long recoverDeadProcesses() {
    return process.recoverDeadProcesses();
  }

  /**
   * Stops the heartbeat and leaves Sidekiq's process set (jobs this process still holds go back
   * to their queues when another process next fetches), then closes the connections.
   */
  @Override
  public void close() {
    process.leave();
    redis.close();
  }

  /**
   * @return whether to move due scheduled jobs and retries now: at most every 20 ms of real time
   *     (not on every fetch of every worker thread), or at once when the clock jumped
   */
  private boolean promoteDue() {
    long nanos = System.nanoTime();
    long millis = clock.millis();
    long last = lastPromote.get();
    long lastMillis = lastPromoteMillis;
    if ((nanos - last >= PROMOTE_EVERY_NANOS || Math.abs(millis - lastMillis) > 20)
        && lastPromote.compareAndSet(last, nanos)) {
      lastPromoteMillis = millis;
      return true;
    }
    return false;
  }

  private void finish(Lease lease, String script, List<String> args) {
    if (!lease.token().isEmpty()) {
      redis.script(script, args);
      process.released(lease); // done, or already recovered by another process
    }
  }

  private List<Lease> leases(List<String> taken) {
    Instant expires = clock.instant().plus(settings.heartbeatTtl());
    List<Lease> leases = new ArrayList<>(taken.size());
    for (String json : taken) {
      leases.add(new Lease(SidekiqJobs.decode(json), json, expires));
    }
    process.holding(leases);
    return leases;
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Object reply) {
    return reply == null ? List.of() : (List<String>) reply;
  }

  private static long number(String value) {
    return value == null ? 0 : Long.parseLong(value);
  }

  /** @return the arguments of {@link Scripts#PROMOTE} now */
  private List<String> promoteArgs() {
    Instant now = clock.instant();
    return List.of(ns, score(now), SidekiqJobs.decimal(SidekiqJobs.seconds(now)));
  }

  private static String score(Instant instant) {
    return String.valueOf(SidekiqJobs.seconds(instant));
  }

  private String day() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString();
  }
}
