package io.karafka.queue.redis;

import io.karafka.job.ProcessInfo;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

/**
 * Reads the worker processes of a Redis store as Sidekiq's Web UI does: the members of the
 * {@code processes} set whose {@code <identity>} hash still exists (it expires with the
 * heartbeat TTL), with the {@code info} JSON, {@code busy} and {@code beat} of that hash. A
 * Sidekiq process on the same Redis is listed too (its version is Sidekiq's). Thread-safe (it
 * keeps no state).
 */
final class RedisProcessList {
  private final RedisConnection redis;
  private final String ns;

  RedisProcessList(RedisConnection redis, String ns) {
    this.redis = redis;
    this.ns = ns;
  }

  List<ProcessInfo> read() {
    return redis.call(jedis -> {
      List<String> identities = new ArrayList<>(new TreeSet<>(jedis.smembers(ns + "processes")));
      Pipeline pipeline = jedis.pipelined();
      List<Response<List<String>>> hashes = new ArrayList<>();
      for (String identity : identities) {
        hashes.add(pipeline.hmget(ns + identity, "info", "busy", "beat"));
      }
      pipeline.sync();
      List<ProcessInfo> processes = new ArrayList<>();
      for (int i = 0; i < identities.size(); i++) {
        List<String> fields = hashes.get(i).get();
        if (fields.get(0) != null && fields.get(2) != null) {
          processes.add(process(identities.get(i), fields));
        }
      }
      processes.sort(Comparator.comparing(ProcessInfo::startedAt)
          .thenComparing(ProcessInfo::identity));
      return processes;
    });
  }

  private static ProcessInfo process(String identity, List<String> fields) {
    Map<?, ?> info = SidekiqJson.parse(fields.get(0)) instanceof Map<?, ?> m ? m : Map.of();
    Instant beat = instant(new BigDecimal(fields.get(2)));
    return new ProcessInfo(identity, text(info.get("hostname"), "?"),
        number(info.get("pid")), ProcessInfo.Kind.WORKER, (int) number(info.get("concurrency")),
        (int) Math.max(0, fields.get(1) == null ? 0 : Long.parseLong(fields.get(1))),
        text(info.get("version"), "?"), info.get("started_at") instanceof BigDecimal s
            ? instant(s) : beat, beat);
  }

  private static Instant instant(BigDecimal seconds) {
    return Instant.ofEpochMilli(seconds.movePointRight(3).longValue());
  }

  private static long number(Object value) {
    return value instanceof BigDecimal n ? Math.max(0, n.longValue()) : 0;
  }

  private static String text(Object value, String fallback) {
    return value == null ? fallback : value.toString();
  }
}
