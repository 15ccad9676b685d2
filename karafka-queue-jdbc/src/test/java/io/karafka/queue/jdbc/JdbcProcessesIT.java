package io.karafka.queue.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.karafka.job.Job;
import io.karafka.job.ProcessInfo;
import io.karafka.job.Worker;
import io.karafka.testkit.Await;
import io.karafka.testkit.LocalPostgres;
import io.karafka.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The process list in {@code <prefix>processes}: who fetches, until it closes or goes silent. */
class JdbcProcessesIT {
  private final LocalPostgres pg = SharedPostgres.get();
  private final MutableClock clock =
      new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));

  @Test
  void aWorkerIsListedWhileItFetchesLeavesWhenItClosesAndAKilledOneDisappears() throws Exception {
    String prefix = TestPrefixes.next();
    try (JdbcJobStore web = new JdbcJobStore(Db.settings(pg, prefix).build(), clock)) {
      JdbcJobStore worker = new JdbcJobStore(Db.settings(pg, prefix).build(), clock);
      worker.enqueue(List.of(Job.create("j-1", Worker.named("W"), "t", "{}", clock.instant())));
      assertEquals(1, worker.fetch(List.of("default"), 5, Duration.ZERO).size());
      Await.within(Duration.ofSeconds(10), "the worker listed", () -> web.processes().size()
          == 1);
      ProcessInfo listed = web.processes().getFirst();
      assertEquals(1, listed.busy(), "its running lease");
      assertEquals(ProcessHandle.current().pid(), listed.pid());
      assertEquals(clock.instant(), listed.startedAt());
      worker.close();
      assertEquals(List.of(), web.processes(), "it left when it closed");

      JdbcJobStore killed = new JdbcJobStore(Db.settings(pg, prefix).build(), clock);
      killed.fetch(List.of("default"), 5, Duration.ZERO);
      Await.within(Duration.ofSeconds(10), "the second worker listed", () -> web.processes()
          .size() == 1);
      Db.execute(pg, "UPDATE " + prefix + "processes SET last_heartbeat = last_heartbeat"
          + " - interval '1 hour'");
      assertEquals(List.of(), web.processes(), "a row older than the lease time is a dead"
          + " process's");
      killed.close();
    }
  }
}
