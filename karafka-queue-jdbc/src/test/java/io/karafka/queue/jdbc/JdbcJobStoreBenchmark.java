package io.karafka.queue.jdbc;

import io.karafka.app.KarafkaApp;
import io.karafka.job.Job;
import io.karafka.job.JobPerformer;
import io.karafka.job.Lease;
import io.karafka.job.Worker;
import io.karafka.monitor.Monitor;
import io.karafka.testkit.InMemoryProducer;
import io.karafka.testkit.LocalPostgres;
import io.karafka.worker.KarafkaWorker;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Throughput and latency of {@link JdbcJobStore} on a local PostgreSQL with default durability
 * (fsync on), next to a raw JDBC queue in the same run (batched INSERT; SELECT ... FOR UPDATE
 * SKIP LOCKED + DELETE, 100 per transaction): enqueue jobs/s (batches of 1,000), processing jobs/s
 * with batches of 100 ({@code fetch} + {@code completeAll}, and {@code completeAllAndFetch}), with
 * and without {@code asyncLeaseCommits}, the per-job path of {@link KarafkaWorker} (10 threads),
 * and the enqueue-to-start latency of single jobs enqueued by another store at 500 jobs/s through
 * a {@link KarafkaWorker}. Starts and stops its own server ({@link LocalPostgres}).
 *
 * <pre>
 * ./mvnw -q -B -pl karafka-queue-jdbc test-compile exec:java \
 *   -Dexec.classpathScope=test -Dexec.mainClass=io.karafka.queue.jdbc.JdbcJobStoreBenchmark
 * </pre>
 *
 * Arguments (optional): jobs (default 100,000), fetch threads (default 2).
 */
public final class JdbcJobStoreBenchmark {
  private static final int BATCH = 1000;
  private static final int FETCH = 100;
  private static final List<String> QUEUES = List.of(Worker.DEFAULT_QUEUE);

  private JdbcJobStoreBenchmark() {}

  /** Runs every measurement once and prints a table. */
  public static void main(String[] args) throws Exception {
    int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    try (LocalPostgres pg = LocalPostgres.start(true)) {
      System.out.printf("PostgreSQL on 127.0.0.1:%d (fsync on), %d jobs, %d cores%n", pg.port(),
          jobs, Runtime.getRuntime().availableProcessors());
      raw(pg, 20_000, threads);
      store(pg, 20_000, threads, "warm_", true);
      System.out.println("-- measured --");
      raw(pg, jobs, threads);
      store(pg, jobs, threads, "bench_", true);
      store(pg, jobs, threads, "sync_", false);
      worker(pg, jobs, true, 100);
      worker(pg, Math.min(jobs, 20_000), true, 1);
      worker(pg, Math.min(jobs, 10_000), false, 1);
      latency(pg, 500, Duration.ofSeconds(10));
    }
  }

  private static void raw(LocalPostgres pg, int jobs, int threads) throws Exception {
    String url = pg.jdbcUrl() + "?reWriteBatchedInserts=true";
    try (Connection c = DriverManager.getConnection(url, LocalPostgres.USER,
        LocalPostgres.PASSWORD); Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS raw_jobs");
      s.execute("CREATE TABLE raw_jobs (id bigserial PRIMARY KEY, queue text NOT NULL,"
          + " payload bytea NOT NULL, created_at timestamptz NOT NULL)");
      byte[] payload = "{\"n\":1}".getBytes();
      long start = System.nanoTime();
      c.setAutoCommit(false);
      try (PreparedStatement insert = c.prepareStatement(
          "INSERT INTO raw_jobs (queue, payload, created_at) VALUES (?, ?, now())")) {
        for (int i = 1; i <= jobs; i++) {
          insert.setString(1, "default");
          insert.setBytes(2, payload);
          insert.addBatch();
          if (i % BATCH == 0) {
            insert.executeBatch();
            c.commit();
          }
        }
        insert.executeBatch();
        c.commit();
      }
      report("raw JDBC enqueue (batched INSERT, 1,000/tx)", jobs, start);
    }
    AtomicLong done = new AtomicLong();
    long start = System.nanoTime();
    runThreads(threads, () -> {
      try (Connection c = DriverManager.getConnection(url, LocalPostgres.USER,
          LocalPostgres.PASSWORD);
           PreparedStatement take = c.prepareStatement("SELECT id, payload FROM raw_jobs"
               + " ORDER BY id LIMIT " + FETCH + " FOR UPDATE SKIP LOCKED");
           PreparedStatement delete = c.prepareStatement(
               "DELETE FROM raw_jobs WHERE id = ANY(?)")) {
        c.setAutoCommit(false);
        while (true) {
          List<Long> ids = new ArrayList<>(FETCH);
          try (ResultSet rs = take.executeQuery()) {
            while (rs.next()) {
              ids.add(rs.getLong(1));
            }
          }
          if (ids.isEmpty()) {
            c.commit();
            return;
          }
          delete.setArray(1, c.createArrayOf("int8", ids.toArray()));
          delete.executeUpdate();
          c.commit();
          done.addAndGet(ids.size());
        }
      }
    });
    report("raw JDBC process (SKIP LOCKED + DELETE, 100/tx, " + threads + " threads)",
        done.get(), start);
  }

  private static void store(LocalPostgres pg, int jobs, int threads, String prefix,
                            boolean async) throws Exception {
    String commits = async ? "" : ", sync commits";
    try (JdbcJobStore store = new JdbcJobStore(Db.settings(pg, prefix).poolSize(threads + 2)
        .asyncLeaseCommits(async).build(), Clock.systemUTC())) {
      enqueue(store, jobs, prefix + "a");
      AtomicLong done = new AtomicLong();
      long start = System.nanoTime();
      runThreads(threads, () -> {
        List<Lease> leases;
        while (!(leases = store.fetch(QUEUES, FETCH, Duration.ZERO)).isEmpty()) {
          store.completeAll(leases);
          done.addAndGet(leases.size());
        }
      });
      report("JdbcJobStore process (fetch 100, completeAll; " + threads + " threads" + commits
          + ")", done.get(), start);
      enqueue(store, jobs, prefix + "b");
      done.set(0);
      start = System.nanoTime();
      runThreads(threads, () -> {
        List<Lease> leases = store.fetch(QUEUES, FETCH, Duration.ZERO);
        while (!leases.isEmpty()) {
          done.addAndGet(leases.size());
          leases = store.completeAllAndFetch(leases, QUEUES, FETCH);
        }
      });
      report("JdbcJobStore process (completeAllAndFetch 100; " + threads + " threads" + commits
          + ")", done.get(), start);
    }
  }

  private static void enqueue(JdbcJobStore store, int jobs, String prefix) {
    long start = System.nanoTime();
    List<Job> batch = new ArrayList<>(BATCH);
    for (int i = 0; i < jobs; i++) {
      batch.add(job(prefix + i));
      if (batch.size() == BATCH) {
        store.enqueue(batch);
        batch.clear();
      }
    }
    store.enqueue(batch);
    report("JdbcJobStore enqueue (1,000 per call)", jobs, start);
  }

  private static void worker(LocalPostgres pg, int jobs, boolean async, int prefetch)
      throws Exception {
    try (JdbcJobStore store = new JdbcJobStore(Db.settings(pg, (async ? "worker_" : "worker_sync_")
        + prefetch + "_")
        .poolSize(12).asyncLeaseCommits(async).build(), Clock.systemUTC())) {
      List<Job> all = new ArrayList<>();
      for (int i = 0; i < jobs; i++) {
        all.add(job("w" + i));
      }
      store.enqueue(all);
      KarafkaApp app = TestApp.build(Clock.systemUTC(), Monitor.none());
      AtomicInteger performed = new AtomicInteger();
      long start = System.nanoTime();
      try (KarafkaWorker worker = KarafkaWorker.builder(app, store, new InMemoryProducer())
          .settings(TestApp.jobs(app, 10).withPrefetch(prefetch)).performer(counting(performed))
          .build()) {
        worker.start();
        while (performed.get() < jobs) {
          Thread.sleep(1);
        }
      }
      report("KarafkaWorker, 10 threads, prefetch " + prefetch + " (" + prefetch + " job(s)/tx"
          + (async ? "" : ", sync commits") + ")", jobs, start);
    }
  }

  private static void latency(LocalPostgres pg, int perSecond, Duration length)
      throws Exception {
    try (JdbcJobStore producerSide = new JdbcJobStore(Db.settings(pg, "latency_").build(),
        Clock.systemUTC());
         JdbcJobStore workerSide = new JdbcJobStore(Db.settings(pg, "latency_").poolSize(12)
             .pollInterval(Duration.ofSeconds(1)).build(), Clock.systemUTC())) {
      KarafkaApp app = TestApp.build(Clock.systemUTC(), Monitor.none());
      Map<String, Long> enqueuedAt = new ConcurrentHashMap<>();
      List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
      JobPerformer timing = new JobPerformer() {
        @Override
        public void perform(Job job) {
          Long at = enqueuedAt.get(job.id());
          if (at != null) {
            latencies.add(System.nanoTime() - at);
          }
        }

        @Override
        public void afterFailure(Job job, Throwable error) { }
      };
      try (KarafkaWorker worker = KarafkaWorker.builder(app, workerSide, new InMemoryProducer())
          .settings(TestApp.jobs(app, 10)).performer(timing).build()) {
        worker.start();
        long total = length.toSeconds() * perSecond;
        long period = 1_000_000_000L / perSecond;
        long begin = System.nanoTime();
        for (long i = 0; i < total; i++) {
          long due = begin + i * period;
          while (System.nanoTime() < due) {
            Thread.onSpinWait();
          }
          String id = "l" + i;
          enqueuedAt.put(id, System.nanoTime());
          producerSide.enqueue(List.of(job(id)));
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (latencies.size() < total && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
      }
      long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
      System.out.printf("%-70s p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d jobs)%n",
          "enqueue -> perform start, " + perSecond + " jobs/s, other process, LISTEN",
          ms(sorted, 0.50), ms(sorted, 0.99),
          sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6, sorted.length);
    }
  }

  private static double ms(long[] sorted, double quantile) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)]
        / 1e6;
  }

  private static JobPerformer counting(AtomicInteger performed) {
    return new JobPerformer() {
      @Override
      public void perform(Job job) {
        performed.incrementAndGet();
      }

      @Override
      public void afterFailure(Job job, Throwable error) { }
    };
  }

  private static Job job(String id) {
    return Job.create(id, Worker.named("NoopWorker"), "jobs", "[{\"n\":1}]", Instant.now());
  }

  private static void report(String what, long jobs, long startNanos) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    System.out.printf("%-70s %9.0f jobs/s  (%d jobs in %.2f s)%n", what, jobs / seconds, jobs,
        seconds);
  }

  private static void runThreads(int count, Body body) throws Exception {
    List<Thread> threads = new ArrayList<>();
    Exception[] failure = new Exception[1];
    for (int i = 0; i < count; i++) {
      threads.add(Thread.ofPlatform().start(() -> {
        try {
          body.run();
        } catch (Exception e) {
          synchronized (failure) {
            failure[0] = e;
          }
        }
      }));
    }
    for (Thread thread : threads) {
      thread.join();
    }
    if (failure[0] != null) {
      throw failure[0];
    }
  }

  @FunctionalInterface
  private interface Body {
    void run() throws Exception;
  }
}
