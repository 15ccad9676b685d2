package io.karafka.queue.redis;

import io.karafka.app.JobSettings;
import io.karafka.job.Lease;
import io.karafka.monitor.Event;
import io.karafka.monitor.Monitor;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * This worker process as Redis and Sidekiq see it: its identity, its own list of the jobs it
 * holds ({@code karafka:working:<identity>}), its heartbeat (Sidekiq's {@code processes} entry
 * and {@code <identity>:workers}, every twelfth of {@code heartbeatTtl}), and the recovery of
 * processes whose heartbeat expired. Thread-safe; the heartbeat thread starts with the first
 * fetch and stops at {@link #leave()}.
 */
final class RedisProcess {
  private final RedisConnection redis;
  private final RedisSettings settings;
  private final JobSettings jobs;
  private final Clock clock;
  private final Monitor monitor;
  private final String ns;
  private final String identity;
  private final String working;
  private final Instant startedAt;
  /** Jobs this process holds (token → what Sidekiq's Web UI shows on its Busy page). */
  private final Map<String, Running> held = new ConcurrentHashMap<>();
  private ScheduledExecutorService heartbeat;
  private boolean leaving;
  private volatile long nextRecovery;

  RedisProcess(RedisConnection redis, RedisSettings settings, JobSettings jobs, Clock clock,
               Monitor monitor) {
    this.redis = redis;
    this.settings = settings;
    this.jobs = jobs;
    this.clock = clock;
    this.monitor = monitor;
    this.ns = settings.prefix();
    this.identity = hostname() + ":" + ProcessHandle.current().pid() + ":"
        + UUID.randomUUID().toString().substring(0, 8);
    this.working = ns + "karafka:working:" + identity;
    this.startedAt = clock.instant();
  }

  String identity() {
    return identity;
  }

  /** @return the key of this process's list of held jobs */
  String working() {
    return working;
  }

  /** The jobs of a fetch are held from now on. */
  void holding(List<Lease> leases) {
    long now = clock.instant().getEpochSecond();
    for (Lease lease : leases) {
      held.put(lease.token(), new Running(lease.job().id(), lease.job().queue(), now));
    }
  }

  /** The lease ended here, or was recovered by another process. */
  void released(Lease lease) {
    held.remove(lease.token());
  }

  /** Starts beating, once; a process that is leaving does not start again. */
  synchronized void startHeartbeat() {
    if (heartbeat != null || leaving) {
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

  /**
   * Moves the jobs of worker processes whose heartbeat expired back to their queues, and tells
   * the monitor how many of whose ({@code JobsRecovered}). At most once per heartbeat interval,
   * and only once the store has reached Redis without a failure for a whole heartbeat TTL: after
   * an outage, live workers get that long to beat again, so their jobs are never taken for a
   * dead process's.
   *
   * @return how many jobs went back
   */
  long recoverDeadProcesses() {
    long now = System.nanoTime();
    if (now - nextRecovery < 0 || redis.sinceLastFailure() < settings.heartbeatTtl().toNanos()) {
      return 0;
    }
    nextRecovery = now + beatInterval().toNanos();
    return redis.call(jedis -> {
      long moved = 0;
      for (String process : jedis.smembers(ns + "karafka:workers")) {
        if (!process.equals(identity)) {
          long back = Math.max(0, (Long) redis.script(jedis, Scripts.RECOVER,
              List.of(ns, process)));
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
   * Stops the heartbeat and leaves Sidekiq's process set, as Sidekiq does on shutdown; jobs
   * still in this process's list (none after a worker's clean stop) are recovered by the others.
   */
  void leave() {
    ScheduledExecutorService beat;
    synchronized (this) {
      leaving = true;
      beat = heartbeat;
      heartbeat = null;
    }
    if (beat == null) {
      return;
    }
    beat.shutdownNow();
    try {
      // a beat under way would list this process again after it left
      beat.awaitTermination(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      redis.call(jedis -> {
        jedis.srem(ns + "processes", identity);
        jedis.del(ns + identity, ns + identity + ":workers");
        return null;
      });
    } catch (RuntimeException e) {
      // best effort: the heartbeat expires anyway
    }
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
    info.put("version", io.karafka.job.ProcessInfo.KARAFKA_VERSION);
    String key = ns + identity;
    long ttl = Math.max(1, settings.heartbeatTtl().toSeconds());
    redis.call(jedis -> {
      var tx = jedis.multi();
      tx.sadd(ns + "processes", identity);
      tx.sadd(ns + "karafka:workers", identity);
      Map<String, String> work = new HashMap<>();
      held.forEach((token, running) -> work.put(running.jid(), SidekiqJson.write(Map.of(
          "queue", running.queue(), "payload", token, "run_at", running.runAt()))));
      tx.del(key + ":workers");
      if (!work.isEmpty()) {
        tx.hset(key + ":workers", work);
        tx.expire(key + ":workers", ttl);
      }
      tx.hset(key, Map.of("info", SidekiqJson.write(info), "busy", String.valueOf(work.size()),
          "beat", String.valueOf(SidekiqJobs.seconds(clock.instant())), "quit", "false"));
      tx.expire(key, ttl);
      tx.exec();
      return null;
    });
  }

  private Duration beatInterval() {
    Duration interval = settings.heartbeatTtl().dividedBy(12);
    return interval.compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : interval;
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
