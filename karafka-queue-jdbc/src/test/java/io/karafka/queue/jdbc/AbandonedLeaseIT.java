package io.karafka.queue.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.job.Lease;
import io.karafka.testkit.LocalPostgres;
import io.karafka.testkit.MutableClock;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A worker that dies holding jobs: its leases expire and the jobs run elsewhere. */
class AbandonedLeaseIT {
  private static final List<String> QUEUES = List.of("default");
  private final LocalPostgres pg = SharedPostgres.get();
  private final MutableClock clock = MutableClock.now();

  @Test
  void anExpiredLeaseGoesToTheNextWorkerAndTheOldOneCannotEndIt() throws Exception {
    String prefix = TestPrefixes.next();
    try (JdbcJobStore dead = new JdbcJobStore(Db.settings(pg, prefix).build(), clock);
         JdbcJobStore alive = new JdbcJobStore(Db.settings(pg, prefix).build(), clock)) {
      dead.enqueue(Jobs.many(clock, "job-", 3));
      List<Lease> abandoned = dead.fetch(QUEUES, 2, Duration.ZERO);
      assertEquals(2, abandoned.size());
      List<Lease> third = alive.fetch(QUEUES, 5, Duration.ZERO);
      assertEquals(List.of("job-2"), third.stream().map(l -> l.job().id()).toList());
      alive.complete(third.getFirst());

      clock.advance(Duration.ofSeconds(20));
      assertEquals(0, alive.fetch(QUEUES, 5, Duration.ZERO).size(), "leases still valid");
      clock.advance(Duration.ofSeconds(6));
      List<Lease> again = alive.fetch(QUEUES, 5, Duration.ZERO);
      assertEquals(List.of("job-0", "job-1"), again.stream().map(l -> l.job().id()).toList());

      dead.complete(abandoned.get(0));
      dead.release(abandoned.get(1));
      assertEquals(1, alive.stats().processed(), "a stale lease ends nothing");
      assertEquals(2, alive.stats().running());
      alive.completeAll(again);
      assertEquals(3, alive.stats().processed());
    }
  }

  @Test
  void aLiveOwnerRenewsItsLeasesAndADeadOnesAreRecoveredNamingIt() throws Exception {
    String prefix = TestPrefixes.next();
    io.karafka.testkit.RecordingMonitor events = new io.karafka.testkit.RecordingMonitor();
    io.karafka.monitor.Dependencies told = new io.karafka.monitor.Dependencies(events, clock,
        Duration.ofMinutes(1));
    JdbcSettings settings = Db.settings(pg, prefix).leaseTime(Duration.ofSeconds(3)).build();
    try (JdbcJobStore other = new JdbcJobStore(settings, clock, told)) {
      JdbcJobStore owner = new JdbcJobStore(settings, clock);
      owner.enqueue(List.of(Jobs.job(clock, "long")));
      assertEquals(1, owner.fetch(QUEUES, 1, Duration.ZERO).size());
      String expiry = "SELECT extract(epoch FROM lease_expires_at)::bigint FROM " + prefix
          + "jobs WHERE id = 'long'";
      long first = Db.number(pg, expiry);
      clock.advance(Duration.ofSeconds(2));
      io.karafka.testkit.Await.within(Duration.ofSeconds(20), "a renewal", () -> {
        try {
          return Db.number(pg, expiry) > first;
        } catch (java.sql.SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      clock.advance(Duration.ofSeconds(2)); // past the first lease: it was renewed
      assertEquals(0, other.housekeep(), "a live owner's job is not taken");
      assertEquals(List.of(), other.fetch(QUEUES, 1, Duration.ZERO));

      owner.close(); // as if killed: nothing renews its lease any more
      clock.advance(Duration.ofSeconds(4));
      assertEquals(1, other.housekeep());
      io.karafka.monitor.Event.JobsRecovered recovered = events.events(
          io.karafka.monitor.Event.JobsRecovered.class).getFirst();
      assertTrue(recovered.owner().matches("worker process .+:" + ProcessHandle.current().pid()
          + ":[0-9a-f]{8}"), recovered.owner());
      assertEquals(1, recovered.count());
      assertEquals(pg.jdbcUrl(), recovered.store());
      assertEquals(List.of("long"), other.fetch(QUEUES, 1, Duration.ZERO).stream()
          .map(l -> l.job().id()).toList());
    }
  }

  @Test
  void aWorkerProcessKilledMidJobLosesNothing() throws Exception {
    String prefix = TestPrefixes.next();
    try (JdbcJobStore store = new JdbcJobStore(Db.settings(pg, prefix).build(), clock)) {
      store.enqueue(Jobs.many(clock, "job-", 5));
      Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
          .toString(), "-cp", System.getProperty("java.class.path"),
          AbandoningWorker.class.getName(), pg.jdbcUrl(), LocalPostgres.USER,
          LocalPostgres.PASSWORD, prefix, "3").redirectErrorStream(true).start();
      try {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
            StandardCharsets.UTF_8));
        String line;
        StringBuilder seen = new StringBuilder();
        while ((line = out.readLine()) != null && !line.startsWith("LEASED")) {
          seen.append(line).append('\n');
        }
        assertEquals("LEASED 3", line, seen.toString());
        assertEquals(3, store.stats().running());
      } finally {
        child.destroyForcibly();
        assertTrue(child.waitFor(10, TimeUnit.SECONDS));
      }
      List<Lease> rest = store.fetch(QUEUES, 10, Duration.ZERO);
      assertEquals(2, rest.size());
      store.completeAll(rest);
      clock.advance(Duration.ofSeconds(30));
      List<Lease> recovered = store.fetch(QUEUES, 10, Duration.ZERO);
      assertEquals(3, recovered.size());
      Set<String> ids = new HashSet<>();
      rest.forEach(l -> ids.add(l.job().id()));
      recovered.forEach(l -> ids.add(l.job().id()));
      assertEquals(Set.of("job-0", "job-1", "job-2", "job-3", "job-4"), ids);
      store.completeAll(recovered);
      assertEquals(5, store.stats().processed());
      assertEquals(0, store.stats().running());
    }
  }
}
