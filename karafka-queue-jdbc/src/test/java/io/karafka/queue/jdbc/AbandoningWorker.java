package io.karafka.queue.jdbc;

import io.karafka.job.Lease;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * A worker process that takes jobs and hangs in the middle of them, to be killed by a test:
 * {@code AbandoningWorker <jdbcUrl> <user> <password> <prefix> <count>}. Prints
 * {@code LEASED <n>} once it holds the leases.
 */
public final class AbandoningWorker {
  private AbandoningWorker() {}

  /** Takes the jobs, reports, and sleeps until killed. */
  public static void main(String[] args) throws Exception {
    JdbcJobStore store = new JdbcJobStore(JdbcSettings.builder().jdbcUrl(args[0])
        .username(args[1]).password(args[2]).tablePrefix(args[3]).poolSize(1).listen(false)
        .build(), Clock.systemUTC());
    List<Lease> leases = store.fetch(List.of("default"), Integer.parseInt(args[4]),
        Duration.ofSeconds(10));
    System.out.println("LEASED " + leases.size());
    System.out.flush();
    Thread.sleep(Duration.ofMinutes(10));
  }
}
