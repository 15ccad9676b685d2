package io.karafka.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.app.JobSettings;
import io.karafka.app.KarafkaApp;
import io.karafka.job.Job;
import io.karafka.job.JobTimeoutException;
import io.karafka.job.RetryPolicy;
import io.karafka.job.Worker;
import io.karafka.monitor.Event;
import io.karafka.testkit.TestControllers.EchoController;
import io.karafka.worker.KarafkaWorker;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

public class KarafkaWorkerTest {
  private static final Duration LIMIT = Duration.ofSeconds(20);
  private final Recorder recorder = new Recorder();
  /** Released by a test to unblock its {@code block} jobs. */
  private final CountDownLatch gate = new CountDownLatch(1);

  private KarafkaTestKit kit(int retry, Worker worker) {
    return kit(recorder, retry, worker);
  }

  private KarafkaTestKit kit(Recorder log, int retry, Worker worker) {
    KarafkaApp app = TestApps.app(c -> c.jobs(j -> j.retry(retry)
            .retryPolicy(RetryPolicy.fixed(Duration.ofSeconds(10)))),
        r -> {
          var route = r.topic("jobs").controller(() -> new EchoController(log, gate));
          if (worker != null) {
            route.worker(worker);
          }
        });
    return KarafkaTestKit.of(app);
  }

  private static KarafkaWorker worker(KarafkaTestKit kit, int concurrency, boolean virtual,
                                      Duration shutdownTimeout) {
    JobSettings d = kit.app().config().jobs();
    JobSettings settings = new JobSettings(concurrency, virtual, List.of("default"), d.retry(),
        d.retryPolicy(), d.timeout(), shutdownTimeout, Duration.ofMillis(10), d.deadMaxJobs(),
        d.deadTimeout());
    return KarafkaWorker.builder(kit.app(), kit.jobStore(), kit.producer()).settings(settings)
        .build();
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(2);
    }
  }

  /** @return whether the thread is parked inside that method of {@link KarafkaWorker} */
  private static boolean waitingIn(Thread thread, String method) {
    Thread.State state = thread.getState();
    return (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING)
        && Arrays.stream(thread.getStackTrace()).anyMatch(frame -> frame.getClassName()
            .equals(KarafkaWorker.class.getName()) && frame.getMethodName().equals(method));
  }

  @Test
  public void workersPerformEveryJobConcurrently() throws Exception {
    for (boolean virtual : new boolean[] {false, true}) {
      Recorder performed = new Recorder();
      try (KarafkaTestKit kit = kit(performed, 25, null)) {
        for (int i = 0; i < 20; i++) {
          kit.publish("jobs", TestMessage.text("slow"));
        }
        try (KarafkaWorker worker = worker(kit, 10, virtual, Duration.ofSeconds(5))) {
          worker.start();
          await("20 jobs", () -> kit.jobStore().stats().processed() == 20);
        }
        assertEquals(20, performed.entries().size());
        assertEquals(20, kit.events(Event.JobPerformed.class).size());
      }
    }
  }

  @Test
  public void aFailedJobRunsAfterFailureAndIsRetriedAfterTheBackOff() throws Exception {
    try (KarafkaTestKit kit = kit(2, null)) {
      kit.publish("jobs", TestMessage.text("fail"));
      kit.runJobs();
      assertEquals(List.of("perform jobs@0 fail", "afterFailure 0 IllegalStateException"),
          recorder.entries());
      Job retried = kit.jobStore().retries().getFirst();
      assertEquals(1, retried.retryCount());
      assertEquals("boom at 0", retried.error().orElseThrow().errorMessage());
      Event.JobRetried event = kit.events(Event.JobRetried.class).getFirst();
      assertEquals(kit.clock().instant().plusSeconds(10), event.at());

      kit.advance(Duration.ofSeconds(9));
      assertEquals(0, kit.runJobs());
      assertEquals(2, recorder.entries().size(), "not due yet");
      kit.advance(Duration.ofSeconds(2));
      kit.runJobs();
      assertEquals(4, recorder.entries().size(), "second try ran");
      assertEquals(2, kit.jobStore().retries().getFirst().retryCount());
    }
  }

  @Test
  public void aJobThatUsesUpItsRetriesIsDead() throws Exception {
    try (KarafkaTestKit kit = kit(2, null)) {
      kit.publish("jobs", TestMessage.text("fail"));
      for (int i = 0; i < 3; i++) {
        kit.runJobs();
        kit.advance(Duration.ofSeconds(11));
      }
      kit.runJobs();
      assertEquals(3, recorder.entries().stream().filter(e -> e.startsWith("afterFailure"))
          .count());
      assertEquals(1, kit.jobStore().stats().dead());
      assertEquals(0, kit.jobStore().stats().retries());
      Job dead = kit.jobStore().dead().getFirst();
      assertEquals(2, dead.retryCount());
      assertEquals(1, kit.events(Event.JobDead.class).size());
      assertEquals(3, kit.events(Event.JobFailed.class).size());
    }
  }

  @Test
  public void aWorkerWithNoRetriesSendsAFailureStraightToTheDeadSet() throws Exception {
    try (KarafkaTestKit kit = kit(25, Worker.named("OnceWorker").retry(0))) {
      kit.publish("jobs", TestMessage.text("fail"));
      kit.runJobs();
      assertEquals(1, kit.jobStore().stats().dead());
    }
  }

  @Test
  public void aJobOverItsTimeoutIsInterruptedAndCountsAsFailed() throws Exception {
    try (KarafkaTestKit kit = kit(25, Worker.named("QuickWorker").timeout(Duration.ofMillis(50)))) {
      kit.publish("jobs", TestMessage.text("block"));
      kit.runJobs();
      Event.JobFailed failed = kit.events(Event.JobFailed.class).getFirst();
      JobTimeoutException timeout = assertInstanceOf(JobTimeoutException.class, failed.error());
      assertEquals("job " + failed.job().id() + " (QuickWorker) ran longer than its timeout of"
          + " PT0.05S", timeout.getMessage());
      assertEquals(1, kit.jobStore().stats().retries());
      assertEquals("afterFailure 0 JobTimeoutException", recorder.entries().getLast());
    }
  }

  @Test
  public void closeHandsBackJobsThatDidNotFinishInTime() throws Exception {
    try (KarafkaTestKit kit = kit(25, null)) {
      kit.publish("jobs", TestMessage.text("block"));
      KarafkaWorker worker = worker(kit, 2, false, Duration.ofMillis(100));
      worker.start();
      await("the job to start", () -> worker.running() == 1);
      worker.close();
      assertEquals(1, kit.jobStore().queued("default").size(), "back in its queue");
      assertEquals(0, kit.jobStore().stats().running());
      assertEquals(0, kit.jobStore().stats().retries());
      assertTrue(recorder.entries().stream().noneMatch(e -> e.startsWith("afterFailure")));
    }
  }

  @Test
  public void closeWaitsForJobsThatFinishInTime() throws Exception {
    try (KarafkaTestKit kit = kit(25, null)) {
      kit.publish("jobs", TestMessage.text("block"));
      KarafkaWorker worker = worker(kit, 1, false, Duration.ofSeconds(10));
      worker.start();
      await("the job to start", () -> worker.running() == 1);
      Thread closing = Thread.currentThread();
      Thread opener = new Thread(() -> {
        try {
          await("close() to wait for the job", () -> waitingIn(closing, "close"));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        gate.countDown();
      });
      opener.start();
      worker.close();
      opener.join();
      assertEquals(1, kit.jobStore().stats().processed());
      assertEquals(0, kit.jobStore().stats().totalQueued());
    }
  }

  @Test
  public void aStoreOutageIsReportedOnceAndItsRecoveryOnceAndWorkResumesAfterIt()
      throws Exception {
    try (KarafkaTestKit kit = kit(25, null)) {
      kit.publish("jobs", TestMessage.text("ok"));
      kit.jobStore().unavailable(true);
      try (KarafkaWorker worker = worker(kit, 2, false, Duration.ofSeconds(5))) {
        worker.start();
        await("a down event", () -> !kit.events(Event.DependencyDown.class).isEmpty());
        await("more failed fetches", () -> kit.app().dependencies().all().stream()
            .anyMatch(d -> !d.isUp()));
        kit.jobStore().unavailable(false);
        await("the job", () -> kit.jobStore().stats().processed() == 1);
        await("a recovered event", () -> !kit.events(Event.DependencyRecovered.class)
            .isEmpty());
      }
      Event.DependencyDown down = kit.events(Event.DependencyDown.class).getFirst();
      assertEquals("job store (worker)", down.dependency());
      assertEquals("in memory", down.address());
      assertEquals("in-memory job store is unavailable (simulated outage)", down.reason());
      assertEquals(1, kit.events(Event.DependencyDown.class).size());
      assertEquals(1, kit.events(Event.DependencyRecovered.class).size());
      assertTrue(kit.events(Event.DependencyRecovered.class).getFirst().attempts() >= 1);
    }
  }

  @Test
  public void aPerformedJobWhoseCompletionFailsIsKeptAndCompletedWhenTheStoreIsBack()
      throws Exception {
    try (KarafkaTestKit kit = kit(25, null)) {
      kit.publish("jobs", TestMessage.text("block"), TestMessage.text("ok"));
      try (KarafkaWorker worker = worker(kit, 1, false, Duration.ofSeconds(5))) {
        worker.start();
        await("the job to start", () -> worker.running() == 1);
        kit.jobStore().unavailable(true);
        gate.countDown();
        await("the completion to be refused", () -> kit.events(Event.DependencyDown.class)
            .size() == 1);
        assertEquals(1, recorder.entries().size(), "performed once");
        kit.jobStore().unavailable(false);
        await("both jobs completed", () -> kit.jobStore().stats().processed() == 2);
      }
      assertEquals(List.of("perform jobs@0 block", "perform jobs@1 ok"), recorder.entries(),
          "no job ran twice");
      assertEquals(0, kit.jobStore().stats().running());
      assertEquals(1, kit.events(Event.DependencyRecovered.class).size());
    }
  }

  @Test
  public void aRetryTheStoreRefusesIsKeptInsteadOfDropped() throws Exception {
    try (KarafkaTestKit kit = kit(25, null)) {
      kit.publish("jobs", TestMessage.text("fail"));
      kit.jobStore().unavailable(false);
      try (KarafkaWorker worker = worker(kit, 1, false, Duration.ofSeconds(5))) {
        recorder.onLog(entry -> {
          if (entry.startsWith("afterFailure")) {
            kit.jobStore().unavailable(true);
          }
        });
        worker.start();
        await("the retry to be refused", () -> !kit.events(Event.DependencyDown.class)
            .isEmpty());
        kit.jobStore().unavailable(false);
        await("the job in the retry set", () -> kit.jobStore().stats().retries() == 1);
      }
      assertEquals(0, kit.jobStore().stats().running());
      assertEquals(1, recorder.entries().stream().filter(e -> e.startsWith("perform")).count());
    }
  }

  @Test
  public void aGracefulStopSaysWhatItFinishedAndHandedBack() throws Exception {
    try (KarafkaTestKit kit = kit(25, null)) {
      kit.publish("jobs", TestMessage.text("block"));
      KarafkaWorker worker = worker(kit, 1, false, Duration.ofMillis(100));
      worker.start();
      await("the job to start", () -> worker.running() == 1);
      worker.close();
      assertEquals(List.of(new Event.WorkerStopped(0, java.util.Map.of("default", 1), 0)),
          kit.events(Event.WorkerStopped.class));
    }
  }

  @Test
  public void weightedQueuesAreAllServedAndStrictOnesInOrder() throws Exception {
    try (KarafkaTestKit kit = kit(25, null)) {
      for (int i = 0; i < 30; i++) {
        kit.publish("jobs", TestMessage.text("ok"));
      }
      JobSettings d = kit.app().config().jobs();
      JobSettings weighted = new JobSettings(1, false, List.of("default,1", "other,5"), d.retry(),
          d.retryPolicy(), d.timeout(), Duration.ofSeconds(5), Duration.ofMillis(10),
          d.deadMaxJobs(), d.deadTimeout());
      assertEquals(List.of("default", "other"), weighted.queueNames());
      assertEquals(List.of(1, 5), weighted.queueWeights());
      try (KarafkaWorker worker = KarafkaWorker.builder(kit.app(), kit.jobStore(),
          kit.producer()).settings(weighted).build()) {
        worker.start();
        await("30 jobs from the low-weight queue", () -> kit.jobStore().stats().processed() == 30);
      }
    }
  }
}
