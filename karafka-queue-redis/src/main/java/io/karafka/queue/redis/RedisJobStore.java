package io.karafka.queue.redis;

import io.karafka.app.JobSettings;
import io.karafka.job.ConsumedJobs;
import io.karafka.job.Job;
import io.karafka.job.JobBrowser;
import io.karafka.job.JobStore;
import io.karafka.job.JobStoreStats;
import io.karafka.job.JobStoreUnavailableException;
import io.karafka.job.Lease;
import io.karafka.monitor.Dependencies;
import io.karafka.monitor.Event;
import io.karafka.monitor.Monitor;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.args.ListDirection;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;
import redis.clients.jedis.util.JedisURIHelper;

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
  private final Monitor monitor;
  private final JobSettings jobs;
  private final Clock clock;
  private final JedisPool pool;
  private final String ns;
  private final String identity;
  private final String working;
  private final Map<String, String> shas = new ConcurrentHashMap<>();
  /** Jobs this process holds (token → what Sidekiq's Web UI shows on its Busy page). */
  private final Map<String, Running> held = new ConcurrentHashMap<>();
  private final Instant startedAt;
  private volatile ScheduledExecutorService heartbeat;
  private volatile long nextRecovery;
  /** When (nanoTime) this store last failed to reach Redis; long ago at first. */
  private volatile long lastFailure = System.nanoTime() - Duration.ofDays(1).toNanos();
  private final java.util.concurrent.atomic.AtomicLong lastPromote =
      new java.util.concurrent.atomic.AtomicLong(System.nanoTime() - PROMOTE_EVERY_NANOS);
  private volatile long lastPromoteMillis = Long.MIN_VALUE / 2;
  private volatile boolean closed;
  /** Set when {@link #close()} begins: no heartbeat starts again. */
  private volatile boolean leaving;

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
    this.monitor = Objects.requireNonNull(dependencies, "dependencies").monitor();
    this.settings = Objects.requireNonNull(settings, "settings");
    this.jobs = Objects.requireNonNull(jobs, "jobs");
    this.clock = Objects.requireNonNull(clock, "clock");
    GenericObjectPoolConfig<Jedis> config = new GenericObjectPoolConfig<>();
    config.setMaxTotal(settings.poolSize());
    config.setMaxIdle(settings.poolSize());
    config.setJmxEnabled(false);
    int timeout = (int) settings.timeout().toMillis();
    var client = DefaultJedisClientConfig.builder()
        .user(JedisURIHelper.getUser(settings.url()))
        .password(JedisURIHelper.getPassword(settings.url()))
        .database(JedisURIHelper.getDBIndex(settings.url()))
        .connectionTimeoutMillis(timeout)
        .socketTimeoutMillis(timeout);
    if (settings.tls()) {
      client.ssl(true).sslParameters(RedisTls.verifyHostname());
      settings.caCert().ifPresent(ca -> client.sslSocketFactory(RedisTls.socketFactory(ca)));
    }
    this.pool = new JedisPool(config, JedisURIHelper.getHostAndPort(settings.url()),
        client.build());
    this.ns = settings.prefix();
    this.identity = hostname() + ":" + ProcessHandle.current().pid() + ":"
        + UUID.randomUUID().toString().substring(0, 8);
    this.working = ns + "karafka:working:" + identity;
    this.startedAt = clock.instant();
  }

  /** @return this process's identity in Sidekiq's {@code processes} set */
  public String identity() {
    return identity;
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
    redis(jedis -> script(jedis, Scripts.ENQUEUE, args));
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
    List<String> skipped = strings(redis(jedis -> script(jedis, Scripts.ENQUEUE_CONSUMED,
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
    startHeartbeat();
    recoverDeadProcesses();
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      boolean promote = promoteDue();
      List<String> taken = redis(jedis -> {
        if (promote) {
          script(jedis, Scripts.PROMOTE, List.of(ns, score(clock.instant())));
        }
        List<String> args = new ArrayList<>(List.of(ns, working, String.valueOf(max)));
        args.addAll(queues);
        return strings(script(jedis, Scripts.FETCH, args));
      });
      long left = deadline - System.nanoTime();
      if (!taken.isEmpty() || left <= 0) {
        return leases(taken);
      }
      double seconds = Math.max(0.01, Math.min(left / 1e9, queues.size() == 1 ? 1.0 : 0.1));
      String first = redis(jedis -> jedis.blmove(ns + "queue:" + queues.getFirst(), working,
          ListDirection.RIGHT, ListDirection.LEFT, seconds));
      if (first != null) {
        List<String> all = new ArrayList<>(List.of(first));
        if (max > 1) {
          List<String> args = new ArrayList<>(List.of(ns, working, String.valueOf(max - 1)));
          args.addAll(queues);
          all.addAll(redis(jedis -> strings(script(jedis, Scripts.FETCH, args))));
        }
        return leases(all);
      }
    }
  }

  @Override
  public void complete(Lease lease) {
    finish(lease, Scripts.COMPLETE, List.of(ns, working, lease.token(), lease.job().id(),
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
    List<String> args = new ArrayList<>(List.of(ns, working, day(), String.valueOf(max),
        String.valueOf(done.size())));
    done.forEach(lease -> args.add(lease.token()));
    done.forEach(lease -> args.add(lease.job().id()));
    args.addAll(queues);
    List<String> taken = redis(jedis -> {
      if (promote) {
        script(jedis, Scripts.PROMOTE, List.of(ns, score(clock.instant())));
      }
      return strings(script(jedis, Scripts.COMPLETE_ALL_AND_FETCH, args));
    });
    done.forEach(lease -> held.remove(lease.token()));
    return taken;
  }

  @Override
  public void retry(Lease lease, Job failed, Instant at) {
    finish(lease, Scripts.RETRY, List.of(ns, working, lease.token(), score(at),
        SidekiqJobs.encode(failed, clock.instant()), day()));
  }

  @Override
  public void kill(Lease lease, Job failed) {
    Instant now = clock.instant();
    finish(lease, Scripts.KILL, List.of(ns, working, lease.token(), score(now),
        SidekiqJobs.encodeDead(failed, now), day(), score(now.minus(jobs.deadTimeout())),
        String.valueOf(jobs.deadMaxJobs()), failed.id(),
        String.valueOf(Math.max(1, jobs.deadTimeout().toSeconds()))));
  }

  @Override
  public void release(Lease lease) {
    finish(lease, Scripts.RELEASE, List.of(ns, working, lease.token(), lease.job().queue()));
  }

  @Override
  public String address() {
    return settings.maskedUrl();
  }

  @Override
  public JobStoreStats stats() {
    return redis(jedis -> {
      Map<String, Long> queued = new LinkedHashMap<>();
      for (String queue : jedis.smembers(ns + "queues")) {
        queued.put(queue, jedis.llen(ns + "queue:" + queue));
      }
      long running = 0;
      for (String process : jedis.smembers(ns + "karafka:workers")) {
        running += jedis.llen(ns + "karafka:working:" + process);
      }
      return new JobStoreStats(queued, running, jedis.zcard(ns + "schedule"),
          jedis.zcard(ns + "retry"), jedis.zcard(ns + "dead"), number(jedis.get(ns
          + "stat:processed")), number(jedis.get(ns + "stat:failed")));
    });
  }

  /**
   * Reads Sidekiq's sorted sets: {@code schedule} and {@code retry} by time, {@code dead} the
   * most recent first; each job's {@link Job#at()} is its score there.
   */
  @Override
  public List<Job> jobs(Section section, int offset, int limit) {
    JobBrowser.checkPage(offset, limit);
    String key = ns + sortedSet(section);
    List<redis.clients.jedis.resps.Tuple> members = redis(jedis -> section == Section.DEAD
        ? jedis.zrevrangeWithScores(key, offset, offset + limit - 1L)
        : jedis.zrangeWithScores(key, offset, offset + limit - 1L));
    List<Job> jobs = new ArrayList<>(members.size());
    for (redis.clients.jedis.resps.Tuple member : members) {
      Job job = SidekiqJobs.decode(member.getElement());
      jobs.add(section == Section.DEAD ? job : job.scheduledAt(
          Instant.ofEpochMilli(Math.round(member.getScore() * 1000))));
    }
    return jobs;
  }

  @Override
  public long count(Section section) {
    return redis(jedis -> jedis.zcard(ns + sortedSet(section)));
  }

  /** Pushes the job to the head of its queue's line, as Sidekiq's "retry now" / "add to queue". */
  @Override
  public boolean runNow(Section section, String jobId) {
    return browseAct(section, jobId, "run");
  }

  /**
   * Removes the job and forgets its id; a message consumed again is still told by its
   * partition's watermark, so it does not bring the job back.
   */
  @Override
  public boolean delete(Section section, String jobId) {
    return browseAct(section, jobId, "delete");
  }

  private boolean browseAct(Section section, String jobId, String action) {
    return Long.valueOf(1).equals(redis(jedis -> script(jedis, Scripts.BROWSE_ACT,
        List.of(ns, sortedSet(section), jobId, action))));
  }

  private static String sortedSet(Section section) {
    return switch (section) {
      case SCHEDULED -> "schedule";
      case RETRIES -> "retry";
      case DEAD -> "dead";
    };
  }

  /**
   * Moves the jobs of worker processes whose heartbeat expired back to their queues, and logs
   * how many of whose (WARN on {@code io.karafka}). Runs by itself from {@link #fetch} once per
   * heartbeat interval, and only once this store has reached Redis without a failure for a whole
   * heartbeat TTL: after an outage, live workers get that long to beat again, so their jobs are
   * never taken for a dead process's.
   *
   * @return how many jobs went back
   */
  public long recoverDeadProcesses() {
    long now = System.nanoTime();
    if (now - nextRecovery < 0 || now - lastFailure < settings.heartbeatTtl().toNanos()) {
      return 0;
    }
    nextRecovery = now + beatInterval().toNanos();
    return redis(jedis -> {
      long moved = 0;
      for (String process : jedis.smembers(ns + "karafka:workers")) {
        if (!process.equals(identity)) {
          long back = Math.max(0, (Long) script(jedis, Scripts.RECOVER, List.of(ns, process)));
          if (back > 0) {
            monitor.notice(new Event.JobsRecovered(settings.maskedUrl(), "worker process "
                + process, back, settings.heartbeatTtl()));
          }
          moved += back;
        }
      }
      return moved;
    });
  }

  /**
   * Stops the heartbeat and leaves Sidekiq's process set (jobs this process still holds go back
   * to their queues when another process next fetches), then closes the connections.
   */
  @Override
  public void close() {
    ScheduledExecutorService beat;
    synchronized (this) {
      leaving = true;
      beat = heartbeat;
      heartbeat = null;
    }
    if (beat != null) {
      beat.shutdownNow();
      try {
        // a beat under way would list this process again after it left
        beat.awaitTermination(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      try {
        redis(jedis -> {
          // like Sidekiq on shutdown: leave the process set; jobs still in this process's
          // list (there should be none after a worker's close) are recovered by the others
          jedis.srem(ns + "processes", identity);
          jedis.del(ns + identity, ns + identity + ":workers");
          return null;
        });
      } catch (RuntimeException e) {
        // best effort: the heartbeat expires anyway
      }
    }
    closed = true;
    pool.close();
  }

  /** For tests: stops heartbeating as a killed process would, and lets recovery run now. */
  void simulateDeath() {
    ScheduledExecutorService beat = heartbeat;
    if (beat != null) {
      beat.shutdownNow();
    }
    redis(jedis -> jedis.del(ns + identity));
    nextRecovery = 0;
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
      redis(jedis -> script(jedis, script, args));
      held.remove(lease.token()); // done, or already recovered by another process
    }
  }

  private List<Lease> leases(List<String> taken) {
    Instant expires = clock.instant().plus(settings.heartbeatTtl());
    List<Lease> leases = new ArrayList<>(taken.size());
    long now = clock.instant().getEpochSecond();
    for (String json : taken) {
      Lease lease = new Lease(SidekiqJobs.decode(json), json, expires);
      leases.add(lease);
      held.put(json, new Running(lease.job().id(), lease.job().queue(), now));
    }
    return leases;
  }

  private synchronized void startHeartbeat() {
    if (heartbeat != null || closed || leaving) {
      return;
    }
    ScheduledExecutorService beat = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "karafka-redis-heartbeat");
      t.setDaemon(true);
      return t;
    });
    beat();
    beat.scheduleAtFixedRate(() -> {
      try {
        beat();
      } catch (RuntimeException e) {
        // Redis is down: the next beat tries again; workers report the outage themselves
      }
    }, beatInterval().toMillis(), beatInterval().toMillis(), TimeUnit.MILLISECONDS);
    heartbeat = beat;
  }

  private void beat() {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("hostname", hostname());
    info.put("started_at", SidekiqJobs.seconds(startedAt));
    info.put("pid", ProcessHandle.current().pid());
    info.put("tag", "karafka");
    info.put("concurrency", jobs.concurrency());
    info.put("queues", jobs.queueNames());
    info.put("labels", List.of("karafka"));
    info.put("identity", identity);
    String key = ns + identity;
    redis(jedis -> {
      var tx = jedis.multi();
      tx.sadd(ns + "processes", identity);
      tx.sadd(ns + "karafka:workers", identity);
      Map<String, String> work = new HashMap<>();
      held.forEach((token, running) -> work.put(running.jid(), SidekiqJson.write(Map.of(
          "queue", running.queue(), "payload", token, "run_at", running.runAt()))));
      tx.del(key + ":workers");
      if (!work.isEmpty()) {
        tx.hset(key + ":workers", work);
        tx.expire(key + ":workers", Math.max(1, settings.heartbeatTtl().toSeconds()));
      }
      tx.hset(key, Map.of("info", SidekiqJson.write(info), "busy", String.valueOf(work.size()),
          "beat", String.valueOf(SidekiqJobs.seconds(clock.instant())), "quit", "false"));
      tx.expire(key, Math.max(1, settings.heartbeatTtl().toSeconds()));
      tx.exec();
      return null;
    });
  }

  private Duration beatInterval() {
    Duration interval = settings.heartbeatTtl().dividedBy(12);
    return interval.compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : interval;
  }

  private Object script(Jedis jedis, String script, List<String> args) {
    String sha = shas.computeIfAbsent(script, jedis::scriptLoad);
    try {
      return jedis.evalsha(sha, List.of(), args);
    } catch (JedisNoScriptException e) {
      shas.clear();
      return jedis.evalsha(shas.computeIfAbsent(script, jedis::scriptLoad), List.of(), args);
    }
  }

  private <T> T redis(Function<Jedis, T> action) {
    if (closed) {
      throw new JobStoreUnavailableException("the Redis job store at " + settings.maskedUrl()
          + " is closed");
    }
    try (Jedis jedis = pool.getResource()) {
      return action.apply(jedis);
    } catch (JedisConnectionException e) {
      lastFailure = System.nanoTime();
      if (tlsFailure(e)) {
        throw new JobStoreUnavailableException("Redis at " + settings.maskedUrl()
            + " is unreachable: the TLS handshake failed (" + rootMessage(e) + "); when a"
            + " private CA signed the server's certificate, set RedisSettings.caCert(...) to"
            + " it, and the certificate must name the URL's host", e);
      }
      throw new JobStoreUnavailableException("Redis at " + settings.maskedUrl()
          + " is unreachable: " + rootMessage(e), e);
    } catch (JedisException e) {
      lastFailure = System.nanoTime();
      throw new JobStoreUnavailableException("Redis at " + settings.maskedUrl()
          + " refused the operation: " + rootMessage(e), e);
    }
  }

  private static boolean tlsFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof javax.net.ssl.SSLException
          || t instanceof java.security.cert.CertificateException) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root + ")";
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Object reply) {
    return reply == null ? List.of() : (List<String>) reply;
  }

  private static long number(String value) {
    return value == null ? 0 : Long.parseLong(value);
  }

  private static String score(Instant instant) {
    return String.valueOf(SidekiqJobs.seconds(instant));
  }

  private String day() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString();
  }

  private static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "localhost";
    }
  }

  /** A job this process holds, as Sidekiq's {@code <identity>:workers} hash shows it. */
  private record Running(String jid, String queue, long runAt) {}
}
