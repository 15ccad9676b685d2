package io.karafka.queue.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.karafka.app.KarafkaApp;
import io.karafka.job.Lease;
import io.karafka.monitor.Monitor;
import io.karafka.testkit.InMemoryProducer;
import io.karafka.testkit.LocalPostgres;
import io.karafka.testkit.MutableClock;
import io.karafka.worker.KarafkaWorker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Two stores on the same tables stand for two worker processes. */
class CompetingWorkersIT {
  private static final List<String> QUEUES = List.of("default");
  private final LocalPostgres pg = SharedPostgres.get();
  private final MutableClock clock = MutableClock.now();

  @Test
  void twoWorkerProcessesNeverRunAJobTwice() throws Exception {
    String prefix = TestPrefixes.next();
    int count = 1500;
    Jobs.Counting performer = new Jobs.Counting();
    KarafkaApp app = TestApp.build(clock, Monitor.none());
    try (JdbcJobStore one = new JdbcJobStore(Db.settings(pg, prefix).poolSize(5).build(), clock);
         JdbcJobStore two = new JdbcJobStore(Db.settings(pg, prefix).poolSize(5).build(), clock);
         KarafkaWorker first = worker(app, one, performer);
         KarafkaWorker second = worker(app, two, performer)) {
      first.start();
      second.start();
      for (int from = 0; from < count; from += 100) {
        (from % 200 == 0 ? one : two).enqueue(Jobs.many(clock, "job-" + from + "-", 100));
      }
      Jobs.await(count + " jobs", () -> performer.total.get() >= count
          && one.stats().running() == 0);
      assertEquals(List.of(), performer.duplicates());
      assertEquals(count, performer.runs.size());
      assertEquals(count, two.stats().processed());
    }
  }

  @Test
  void batchFetchersOnTwoStoresShareTheWorkExactly() throws Exception {
    String prefix = TestPrefixes.next();
    int count = 4000;
    Jobs.Counting performer = new Jobs.Counting();
    try (JdbcJobStore one = new JdbcJobStore(Db.settings(pg, prefix).poolSize(4).build(), clock);
         JdbcJobStore two = new JdbcJobStore(Db.settings(pg, prefix).poolSize(4).build(), clock)) {
      one.enqueue(Jobs.many(clock, "a", count / 2));
      two.enqueue(Jobs.many(clock, "b", count / 2));
      ExecutorService threads = Executors.newFixedThreadPool(6);
      try {
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
          JdbcJobStore store = t % 2 == 0 ? one : two;
          boolean combined = t < 3;
          running.add(threads.submit(() -> {
            List<Lease> leases = store.fetch(QUEUES, 25, Duration.ofMillis(200));
            while (!leases.isEmpty()) {
              leases.forEach(lease -> performer.perform(lease.job()));
              if (combined) {
                leases = store.completeAllAndFetch(leases, QUEUES, 25);
              } else {
                store.completeAll(leases);
                leases = store.fetch(QUEUES, 25, Duration.ofMillis(200));
              }
            }
            return null;
          }));
        }
        for (Future<?> future : running) {
          future.get(60, TimeUnit.SECONDS);
        }
      } finally {
        threads.shutdownNow();
      }
      assertEquals(List.of(), performer.duplicates());
      assertEquals(count, performer.runs.size());
      assertEquals(count, one.stats().processed());
      assertEquals(0, one.stats().running());
    }
  }

  private static KarafkaWorker worker(KarafkaApp app, JdbcJobStore store,
                                      Jobs.Counting performer) {
    return KarafkaWorker.builder(app, store, new InMemoryProducer())
        .settings(TestApp.jobs(app, 4)).performer(performer).build();
  }
}
