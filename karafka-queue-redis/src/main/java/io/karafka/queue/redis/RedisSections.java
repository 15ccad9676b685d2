package io.karafka.queue.redis;

import io.karafka.job.Job;
import io.karafka.job.JobBrowser.Section;
import io.karafka.job.JobBrowser;
import io.karafka.job.internal.Pages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The job browser of a Redis store on Sidekiq's sorted sets: {@code schedule} and {@code retry}
 * by time, {@code dead} the most recent first; each job's {@link Job#at()} is its score there.
 * Thread-safe (it keeps no state).
 */
final class RedisSections {
  private final RedisConnection redis;
  private final String ns;

  RedisSections(RedisConnection redis, String ns) {
    this.redis = redis;
    this.ns = ns;
  }

  List<Job> jobs(Section section, int offset, int limit) {
    Pages.check(offset, limit);
    String key = ns + sortedSet(section);
    List<redis.clients.jedis.resps.Tuple> members = redis.call(jedis -> section == Section.DEAD
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

  long count(Section section) {
    return redis.call(jedis -> jedis.zcard(ns + sortedSet(section)));
  }

  /** @param action {@code run} (to the head of its queue's line) or {@code delete} */
  boolean act(Section section, String jobId, String action) {
    return Long.valueOf(1).equals(redis.script(Scripts.BROWSE_ACT,
        List.of(ns, sortedSet(section), jobId, action)));
  }

  private static String sortedSet(Section section) {
    return switch (section) {
      case SCHEDULED -> "schedule";
      case RETRIES -> "retry";
      case DEAD -> "dead";
    };
  }
}
