package io.karafka.queue.jdbc;

/**
 * The statements of one table prefix. Times are parameters from the store's injected clock, never
 * the database's {@code now()}, so tests can move time; arrays are bound as epoch microseconds.
 */
final class JobSql {
  /** Rows one housekeeping statement touches at most. */
  static final int BATCH = 1000;

  /** The columns {@link JobRows#job} reads, of the table aliased {@code j}. */
  static final String JOB_COLUMNS = "j.id, j.worker, j.queue, j.topic, j.payload,"
      + " j.retry, j.retry_count, j.created_at, j.scheduled_at, j.timeout_ms, j.error_class,"
      + " j.error_message, j.failed_at, j.retried_at, j.traceparent, j.tracestate";

  final String channel;
  final String enqueue;
  final String fetch;
  final String complete;
  final String completeAndFetch;
  final String retry;
  final String kill;
  final String release;
  final String reclaim;
  final String renew;
  final String deadByAge;
  final String deadByCount;
  final String purge;
  final String lockWatermark;
  final String moveWatermark;
  final String stats;
  final String housekeepingLock;

  JobSql(String p, boolean keepFinished) {
    channel = p + "jobs";
    String counter = "INSERT INTO " + p + "counters AS c (name, shard, value)"
        + " SELECT %s, ?, count(*) FROM changed HAVING count(*) > 0"
        + " ON CONFLICT (name, shard) DO UPDATE SET value = c.value + EXCLUDED.value";
    enqueue = "WITH input AS (SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[],"
        + " ?::bytea[], ?::int[], ?::int[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[],"
        + " ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::text[], ?::text[])"
        + " WITH ORDINALITY AS t(id, queue, worker, topic, payload, retry, retry_count,"
        + " created_us, scheduled_us, run_us, timeout_ms, error_class, error_message,"
        + " failed_us, retried_us, traceparent, tracestate, ord)),"
        + " ins AS (INSERT INTO " + p + "jobs AS j (id, queue, state, run_at, worker, topic,"
        + " payload, retry, retry_count, created_at, scheduled_at, timeout_ms, error_class,"
        + " error_message, failed_at, retried_at, traceparent, tracestate)"
        + " SELECT id, queue, 'waiting', " + ts("run_us") + ", worker, topic, payload, retry,"
        + " retry_count, " + ts("created_us") + ", " + ts("scheduled_us") + ", timeout_ms,"
        + " error_class, error_message, " + ts("failed_us") + ", " + ts("retried_us")
        + ", traceparent, tracestate FROM input ORDER BY ord"
        + " ON CONFLICT (id) DO UPDATE SET queue = EXCLUDED.queue, state = 'waiting',"
        + " retrying = false, run_at = EXCLUDED.run_at, seq = nextval('" + p + "job_seq'),"
        + " worker = EXCLUDED.worker, topic = EXCLUDED.topic, payload = EXCLUDED.payload,"
        + " retry = EXCLUDED.retry, retry_count = EXCLUDED.retry_count,"
        + " created_at = EXCLUDED.created_at, scheduled_at = EXCLUDED.scheduled_at,"
        + " timeout_ms = EXCLUDED.timeout_ms, error_class = EXCLUDED.error_class,"
        + " error_message = EXCLUDED.error_message, failed_at = EXCLUDED.failed_at,"
        + " retried_at = EXCLUDED.retried_at, traceparent = EXCLUDED.traceparent,"
        + " tracestate = EXCLUDED.tracestate, lease_token = NULL, lease_expires_at = NULL,"
        + " finished_at = NULL, dedup_until = NULL, purge_at = NULL"
        // a completed job kept for retention (or a version 1 tombstone) does not hold its id
        + " WHERE j.state = 'done'"
        + " RETURNING j.queue, j.run_at)"
        + " SELECT q.queue, pg_notify('" + channel + "', q.queue)"
        + " FROM (SELECT DISTINCT queue FROM ins WHERE run_at <= ?) q";
    // ANY(ARRAY(...)): the picked ids become one array, so the update is an index scan on the
    // primary key whatever the planner thinks of LIMIT ? in a generic plan
    String leased = "leased AS (UPDATE " + p + "jobs j SET state = 'running', retrying = false,"
        + " lease_token = gen_random_uuid(), lease_expires_at = ?, lease_owner = ?"
        + " WHERE j.id = ANY(ARRAY("
        + "SELECT id FROM " + p + "jobs WHERE state = 'waiting' AND queue = ? AND run_at <= ?"
        + " ORDER BY run_at, seq LIMIT ? FOR UPDATE SKIP LOCKED))"
        + " RETURNING " + JOB_COLUMNS + ", j.lease_token, j.run_at, j.seq)"
        + " SELECT * FROM leased ORDER BY run_at, seq";
    fetch = "WITH " + leased;
    // kept for retention, or deleted at once: a completed job leaves nothing behind
    String completed = (keepFinished ? "changed AS (UPDATE " + p + "jobs j SET state = 'done',"
        + " lease_token = NULL, lease_expires_at = NULL, finished_at = ?, purge_at = ?"
        + " FROM unnest(?::text[], ?::uuid[]) AS l(id, token)"
        : "changed AS (DELETE FROM " + p + "jobs j USING unnest(?::text[], ?::uuid[])"
        + " AS l(id, token)")
        + " WHERE j.id = l.id AND j.lease_token = l.token AND j.state = 'running' RETURNING 1)";
    complete = "WITH " + completed + " " + counter.formatted("'processed'");
    // one statement, one commit: the rows it completes are running, so the fetch cannot see them
    completeAndFetch = "WITH " + completed + ", counted AS ("
        + counter.formatted("'processed'") + " RETURNING 1), " + leased;
    String failure = "retry = ?, retry_count = ?, timeout_ms = ?, error_class = ?,"
        + " error_message = ?, failed_at = ?, retried_at = ?, lease_token = NULL,"
        + " lease_expires_at = NULL, lease_owner = NULL";
    String one = " WHERE id = ? AND lease_token = ? AND state = 'running' RETURNING 1) ";
    retry = "WITH changed AS (UPDATE " + p + "jobs SET state = 'waiting', retrying = true,"
        + " run_at = ?, seq = nextval('" + p + "job_seq'), " + failure + one
        + counter.formatted("'failed'");
    kill = "WITH changed AS (UPDATE " + p + "jobs SET state = 'dead', finished_at = ?, "
        + failure + one + counter.formatted("'failed'");
    // before every due job of the queue, in their original order among themselves
    String backToHead = "state = 'waiting', run_at = '-infinity', lease_token = NULL,"
        + " lease_expires_at = NULL, lease_owner = NULL";
    release = "WITH changed AS (UPDATE " + p + "jobs SET " + backToHead
        + " WHERE id = ? AND lease_token = ? AND state = 'running' RETURNING queue)"
        + " SELECT pg_notify('" + channel + "', queue) FROM changed";
    // the owner is read before the update clears it: recoveries name whose jobs they were
    reclaim = "WITH expired AS (SELECT id, lease_owner FROM " + p + "jobs WHERE state ="
        + " 'running' AND lease_expires_at <= ? ORDER BY lease_expires_at LIMIT " + BATCH
        + " FOR UPDATE SKIP LOCKED), changed AS (UPDATE " + p + "jobs j SET " + backToHead
        + " FROM expired e WHERE j.id = e.id RETURNING j.queue, e.lease_owner AS owner)"
        + " SELECT q.queue, q.n, pg_notify('" + channel + "', q.queue), q.owner"
        + " FROM (SELECT queue, owner, count(*) AS n FROM changed GROUP BY queue, owner) q";
    renew = "UPDATE " + p + "jobs SET lease_expires_at = ? WHERE state = 'running'"
        + " AND lease_owner = ?";
    String bury = "DELETE FROM " + p + "jobs WHERE id = ANY(ARRAY(SELECT id FROM " + p
        + "jobs WHERE state = 'dead' ";
    deadByAge = bury + "AND finished_at < ? ORDER BY finished_at LIMIT " + BATCH
        + " FOR UPDATE SKIP LOCKED))";
    deadByCount = bury + "ORDER BY finished_at DESC, id OFFSET ? LIMIT " + BATCH
        + " FOR UPDATE SKIP LOCKED))";
    purge = "DELETE FROM " + p + "jobs WHERE id = ANY(ARRAY(SELECT id FROM " + p + "jobs"
        + " WHERE state = 'done' AND purge_at <= ? LIMIT " + BATCH
        + " FOR UPDATE SKIP LOCKED))";
    // the partition's row, created if new, locked until the enqueue commits; a no-op update so
    // that RETURNING gives the stored values
    lockWatermark = "INSERT INTO " + p + "offsets AS o (consumer_group, topic, partition,"
        + " topic_id, last_offset, updated_at) VALUES (?, ?, ?, ?, -1, ?)"
        + " ON CONFLICT (consumer_group, topic, partition) DO UPDATE SET updated_at ="
        + " o.updated_at RETURNING o.topic_id, o.last_offset";
    moveWatermark = "UPDATE " + p + "offsets SET topic_id = ?, last_offset = ?, updated_at = ?"
        + " WHERE consumer_group = ? AND topic = ? AND partition = ?";
    stats = "SELECT 'waiting' AS kind, queue, retrying, run_at <= ? AS due, count(*) AS n FROM "
        + p + "jobs WHERE state = 'waiting' GROUP BY queue, retrying, due"
        + " UNION ALL SELECT 'running', NULL, NULL, NULL, count(*) FROM " + p + "jobs"
        + " WHERE state = 'running'"
        + " UNION ALL SELECT 'dead', NULL, NULL, NULL, count(*) FROM " + p + "jobs"
        + " WHERE state = 'dead'"
        + " UNION ALL SELECT name, NULL, NULL, NULL, sum(value)::bigint FROM " + p + "counters"
        + " GROUP BY name"
        // the head of each queue's line (as fetch orders it), since when it waits in epoch
        // microseconds; a job handed back (run_at -infinity) counts from its last own time
        + " UNION ALL SELECT 'oldest', queue, NULL, NULL,"
        + " (extract(epoch FROM since) * 1000000)::bigint FROM (SELECT DISTINCT ON (queue)"
        + " queue, CASE WHEN run_at = '-infinity' THEN greatest(created_at, scheduled_at,"
        + " retried_at) ELSE run_at END AS since FROM " + p + "jobs WHERE state = 'waiting'"
        + " AND run_at <= ? ORDER BY queue, run_at, seq) head";
    housekeepingLock = "SELECT pg_try_advisory_xact_lock(" + (JdbcSchema.LOCK_CLASS + 1)
        + ", hashtext('" + p + "'))";
  }

  private static String ts(String micros) {
    return "'epoch'::timestamptz + " + micros + " * interval '1 microsecond'";
  }
}
