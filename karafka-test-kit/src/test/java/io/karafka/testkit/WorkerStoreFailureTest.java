package io.karafka.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.karafka.app.KarafkaApp;
import io.karafka.job.JobStore;
import io.karafka.job.JobStoreUnavailableException;
import io.karafka.monitor.Event;
import io.karafka.testkit.TestControllers.EchoController;
import io.karafka.worker.KarafkaWorker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A worker whose job store fails to fetch twice, then answers: the outage is told once, with the
 * store's own words, and its end once. A Mockito stub of the port's failure is the clearest
 * way to say "fails twice, then works"; the stores' real outages are their outage drills.
 */
class WorkerStoreFailureTest {
  @Test
  void aStoreThatFailsTwiceThenAnswersIsToldDownOnceAndBackOnce() throws Exception {
    JobStore store = mock(JobStore.class);
    when(store.address()).thenReturn("mock://jobs");
    when(store.fetch(anyList(), anyInt(), any()))
        .thenThrow(new JobStoreUnavailableException("connection refused"))
        .thenThrow(new JobStoreUnavailableException("connection refused"))
        .thenReturn(List.of());
    RecordingMonitor events = new RecordingMonitor();
    KarafkaApp app = TestApps.app(c -> c.monitor(events)
            .jobs(j -> j.concurrency(1).pollInterval(Duration.ofMillis(10))),
        r -> r.topic("echo").controller(() -> new EchoController(new Recorder())));
    try (KarafkaWorker worker = KarafkaWorker.builder(app, store, new InMemoryProducer())
        .build()) {
      worker.start();
      Await.within(Duration.ofSeconds(30), "the store's recovery told",
          () -> !events.events(Event.DependencyRecovered.class).isEmpty());
    }

    List<Event.DependencyDown> down = events.events(Event.DependencyDown.class);
    assertEquals(1, down.size(), "one outage, told once: " + down);
    assertEquals("job store (worker)", down.getFirst().dependency());
    assertEquals("connection refused", down.getFirst().reason());
    Event.DependencyRecovered back = events.events(Event.DependencyRecovered.class).getFirst();
    assertEquals(2, back.attempts(), "both failed fetches counted");
    assertTrue(events.events(Event.ErrorOccurred.class).isEmpty(), "no other noise");
    verify(store, atLeast(3)).fetch(anyList(), anyInt(), any());
  }
}
