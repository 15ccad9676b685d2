package io.karafka.queue.redis;

/** The Lua scripts that make each job store operation atomic in Redis. */
final class Scripts {
  private Scripts() {}

  /**
   * @param firstQueue Lua expression of the ARGV index of the first queue name
   * @return Lua that moves up to {@code max} jobs from the queues, in order, into
   *     {@code working} and returns them ({@code ns}, {@code working}, {@code max} in scope)
   */
  private static String takeJobs(String firstQueue) {
    return """
        local out = {}
        for i = %s, #ARGV do
          local queue = ns .. 'queue:' .. ARGV[i]
          while #out < max do
            local job = redis.call('LMOVE', queue, working, 'RIGHT', 'LEFT')
            if not job then break end
            out[#out + 1] = job
          end
          if #out >= max then break end
        end
        return out
        """.formatted(firstQueue);
  }

  /**
   * Lua that defines {@code push(jid, queue, at, job)}, which adds a job unless its id is held
   * ({@code karafka:jid:<jid>}, kept while the job is in the store) and returns 1 if it did, and
   * {@code flush()}, which writes the pushed jobs of each queue with one LPUSH per 1,000 (in
   * their order, so FIFO holds): a redis.call per job costs more than the push itself.
   * {@code ns} in scope.
   */
  private static final String PUSH = """
      local pushes = {}
      local function push(jid, queue, at, job)
        if not redis.call('SET', ns .. 'karafka:jid:' .. jid, '1', 'NX') then return 0 end
        local list = pushes[queue]
        if not list then
          redis.call('SADD', ns .. 'queues', queue)
          list = {}
          pushes[queue] = list
        end
        if at ~= '' then
          redis.call('ZADD', ns .. 'schedule', at, job)
        else
          list[#list + 1] = job
        end
        return 1
      end
      local function flush()
        for queue, list in pairs(pushes) do
          for first = 1, #list, 1000 do
            redis.call('LPUSH', ns .. 'queue:' .. queue,
              unpack(list, first, math.min(first + 999, #list)))
          end
        end
      end
      """;

  /** ARGV: prefix, then (jid, queue, at or "", job json) per job. Returns how many were new. */
  static final String ENQUEUE = """
      local ns = ARGV[1]
      """ + PUSH + """
      local added = 0
      for i = 2, #ARGV, 4 do
        added = added + push(ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3])
      end
      flush()
      return added
      """;

  /**
   * ARGV: prefix, watermark hash, field, topic id, then (jid, queue, at or "", job json, offset)
   * per job, offsets increasing. The field holds {@code <topic id>:<highest offset enqueued>}:
   * jobs at or below it of the same topic id are skipped, the others pushed as by
   * {@link #ENQUEUE}, and the field becomes the highest offset of the same topic id (or this
   * batch's last, for another one). Offsets are compared as decimal strings: Lua's numbers are
   * doubles. Returns the skipped offsets.
   */
  static final String ENQUEUE_CONSUMED = """
      local ns, marks, field, incarnation = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
      """ + PUSH + """
      local function atMost(a, b)
        return #a < #b or (#a == #b and a <= b)
      end
      local upTo = nil
      local stored = redis.call('HGET', marks, field)
      if stored then
        local id, offset = string.match(stored, '^(.*):(%d+)$')
        if id == incarnation then upTo = offset end
      end
      local skipped = {}
      local last = upTo
      for i = 5, #ARGV, 5 do
        local offset = ARGV[i + 4]
        if upTo and atMost(offset, upTo) then
          skipped[#skipped + 1] = offset
        else
          push(ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3])
          last = offset
        end
      end
      if last then
        redis.call('HSET', marks, field, incarnation .. ':' .. last)
      end
      flush()
      return skipped
      """;

  /**
   * ARGV: prefix, now (score), now (epoch seconds as a plain decimal). Moves due scheduled jobs
   * and retries to their queues with {@code enqueued_at} set to now, as Sidekiq's scheduler does
   * (the queue's latency counts from when a job fell due, not from when it was scheduled). The
   * pattern matches the job's own field only: in an escaped string a quote follows a backslash.
   */
  static final String PROMOTE = """
      local ns, now, nowDecimal = ARGV[1], ARGV[2], ARGV[3]
      local moved = 0
      for _, set in ipairs({'schedule', 'retry'}) do
        local jobs = redis.call('ZRANGEBYSCORE', ns .. set, '-inf', now, 'LIMIT', 0, 500)
        for _, job in ipairs(jobs) do
          if redis.call('ZREM', ns .. set, job) == 1 then
            local queue = cjson.decode(job)['queue']
            redis.call('SADD', ns .. 'queues', queue)
            local due = string.gsub(job, '"enqueued_at":[%d%.eE%+%-]+',
              '"enqueued_at":' .. nowDecimal, 1)
            redis.call('LPUSH', ns .. 'queue:' .. queue, due)
            moved = moved + 1
          end
        end
      end
      return moved
      """;

  /** ARGV: prefix, working list, max, queue names. Moves up to max jobs to the working list. */
  static final String FETCH = """
      local ns, working, max = ARGV[1], ARGV[2], tonumber(ARGV[3])
      """ + takeJobs("4");

  /** ARGV: prefix, working, token, jid, day. The job's id is forgotten with it. */
  static final String COMPLETE = """
      local ns = ARGV[1]
      if redis.call('LREM', ARGV[2], 1, ARGV[3]) == 0 then return 0 end
      redis.call('DEL', ns .. 'karafka:jid:' .. ARGV[4])
      redis.call('INCR', ns .. 'stat:processed')
      redis.call('INCR', ns .. 'stat:processed:' .. ARGV[5])
      return 1
      """;

  /**
   * ARGV: prefix, working, day, max, n, then n tokens, n jids, then queue names. Completes the
   * n leases (forgetting their ids), then fetches up to max jobs, in one call. Returns the jobs.
   */
  static final String COMPLETE_ALL_AND_FETCH = """
      local ns, working, day = ARGV[1], ARGV[2], ARGV[3]
      local max, n = tonumber(ARGV[4]), tonumber(ARGV[5])
      local completed = 0
      for i = 1, n do
        if redis.call('LREM', working, 1, ARGV[5 + i]) == 1 then
          redis.call('DEL', ns .. 'karafka:jid:' .. ARGV[5 + n + i])
          completed = completed + 1
        end
      end
      if completed > 0 then
        redis.call('INCRBY', ns .. 'stat:processed', completed)
        redis.call('INCRBY', ns .. 'stat:processed:' .. day, completed)
      end
      """ + takeJobs("6 + 2 * n");

  /** ARGV: prefix, working, token, retry at, failed job json, day. */
  static final String RETRY = """
      local ns = ARGV[1]
      if redis.call('LREM', ARGV[2], 1, ARGV[3]) == 0 then return 0 end
      redis.call('ZADD', ns .. 'retry', ARGV[4], ARGV[5])
      redis.call('INCR', ns .. 'stat:failed')
      redis.call('INCR', ns .. 'stat:failed:' .. ARGV[6])
      return 1
      """;

  /**
   * ARGV: prefix, working, token, now, failed job json, day, oldest score kept, max dead jobs,
   * jid, dead timeout seconds. Dead jobs beyond the caps go, and their ids with them; the new
   * dead job's id is held at most for the dead timeout (in case something else drops it).
   */
  static final String KILL = """
      local ns = ARGV[1]
      if redis.call('LREM', ARGV[2], 1, ARGV[3]) == 0 then return 0 end
      local dead = ns .. 'dead'
      redis.call('ZADD', dead, ARGV[4], ARGV[5])
      redis.call('SET', ns .. 'karafka:jid:' .. ARGV[9], '1', 'EX', ARGV[10])
      local gone = redis.call('ZRANGEBYSCORE', dead, '-inf', '(' .. ARGV[7])
      for _, job in ipairs(redis.call('ZRANGE', dead, 0, -(tonumber(ARGV[8]) + 1))) do
        gone[#gone + 1] = job
      end
      for _, job in ipairs(gone) do
        redis.call('ZREM', dead, job)
        redis.call('DEL', ns .. 'karafka:jid:' .. cjson.decode(job)['jid'])
      end
      redis.call('INCR', ns .. 'stat:failed')
      redis.call('INCR', ns .. 'stat:failed:' .. ARGV[6])
      return 1
      """;

  /** ARGV: prefix, working, token, queue. Puts the job back at the head of its queue. */
  static final String RELEASE = """
      local ns = ARGV[1]
      if redis.call('LREM', ARGV[2], 1, ARGV[3]) == 0 then return 0 end
      redis.call('RPUSH', ns .. 'queue:' .. ARGV[4], ARGV[3])
      return 1
      """;

  /** ARGV: prefix, identity of a dead process. Returns its jobs to the heads of their queues. */
  static final String RECOVER = """
      local ns, identity = ARGV[1], ARGV[2]
      if redis.call('EXISTS', ns .. identity) == 1 then return -1 end
      local working = ns .. 'karafka:working:' .. identity
      local moved = 0
      while true do
        local job = redis.call('LPOP', working)
        if not job then break end
        redis.call('RPUSH', ns .. 'queue:' .. cjson.decode(job)['queue'], job)
        moved = moved + 1
      end
      redis.call('DEL', ns .. identity .. ':workers')
      redis.call('SREM', ns .. 'karafka:workers', identity)
      redis.call('SREM', ns .. 'processes', identity)
      return moved
      """;

  /**
   * ARGV: prefix, set (schedule, retry or dead), jid, action ("run" or "delete"). Finds the job
   * of that id in the set (by its {@code "jid":"..."} text, without decoding every member),
   * removes it, and for "run" pushes it to its queue (its id held for as long as it waits), for
   * "delete" forgets its id. Returns 1 when found, else 0.
   */
  static final String BROWSE_ACT = """
      local ns, set, needle, action = ARGV[1], ARGV[1] .. ARGV[2], '"jid":"' .. ARGV[3] .. '"',
        ARGV[4]
      for _, job in ipairs(redis.call('ZRANGE', set, 0, -1)) do
        if string.find(job, needle, 1, true) then
          redis.call('ZREM', set, job)
          if action == 'run' then
            local queue = cjson.decode(job)['queue']
            redis.call('SADD', ns .. 'queues', queue)
            redis.call('LPUSH', ns .. 'queue:' .. queue, job)
            redis.call('PERSIST', ns .. 'karafka:jid:' .. ARGV[3])
          else
            redis.call('DEL', ns .. 'karafka:jid:' .. ARGV[3])
          end
          return 1
        end
      end
      return 0
      """;
}
