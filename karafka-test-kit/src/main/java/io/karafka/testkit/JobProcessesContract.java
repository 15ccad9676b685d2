package io.karafka.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.job.JobBrowser;
import io.karafka.job.Lease;
import io.karafka.job.ProcessInfo;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The process list of {@link JobBrowser#processes()}: a store lists the worker processes that
 * fetch from it, with their host, pid and the jobs they run. Part of {@link JobStoreContract}
 * (which extends this); kept apart to keep each file to one concern. Heartbeats may be written
 * on their own thread, so the checks wait for the list to tell.
 */
public abstract class JobProcessesContract extends JobStoreDedupContract {
  private static final Duration BEAT = Duration.ofSeconds(15);

  @Test
  void aStoreNobodyFetchedFromListsNoProcess() {
    Assumptions.assumeTrue(store instanceof JobBrowser, "this store has no JobBrowser");
    assertEquals(List.of(), ((JobBrowser) store).processes());
  }

  @Test
  void aFetchingProcessIsListedWithItsHostPidAndTheJobsItRuns() throws Exception {
    Assumptions.assumeTrue(store instanceof JobBrowser, "this store has no JobBrowser");
    JobBrowser browser = (JobBrowser) store;
    store.enqueue(List.of(job(1, "default"), job(2, "default"), job(3, "default")));
    List<Lease> running = fetch(2);
    assertEquals(2, running.size());
    Await.within(BEAT, "the process listed with 2 busy", () -> ours(browser).size() == 1
        && ours(browser).getFirst().busy() == 2);

    ProcessInfo process = ours(browser).getFirst();
    assertEquals(ProcessInfo.Kind.WORKER, process.kind());
    assertFalse(process.identity().isBlank());
    assertFalse(process.host().isBlank());
    assertEquals(ProcessInfo.KARAFKA_VERSION, process.version());
    assertFalse(process.startedAt().isAfter(process.lastHeartbeat()), process.toString());
    assertTrue(process.concurrency() >= 0);

    store.completeAll(running);
    Await.within(BEAT, "the process listed with 0 busy", () -> ours(browser).size() == 1
        && ours(browser).getFirst().busy() == 0);
    assertEquals(process.identity(), ours(browser).getFirst().identity(), "the same process");
  }

  /** @return the listed processes of this JVM */
  private static List<ProcessInfo> ours(JobBrowser browser) {
    return browser.processes().stream()
        .filter(p -> p.pid() == ProcessHandle.current().pid()).toList();
  }
}
