package io.karafka.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.job.Job;
import io.karafka.monitor.Event;
import io.karafka.routing.RoutingException;
import io.karafka.testkit.InMemoryJobStore;
import io.karafka.testkit.RecordingMonitor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Jobs from application code: the route's worker, parser and interchanger; told once. */
class KarafkaJobsTest {

  @Test
  void withoutATransactionAJobIsEnqueuedAtOnceForTheRoutesWorker() {
    try (ConfigurableApplicationContext context = Boot.run(WithStore.class, "karafka.name=shop",
        "karafka.kafka.hosts=127.0.0.1:9092", "karafka.server.enabled=false",
        "karafka.worker.enabled=false")) {
      String id = context.getBean(KarafkaJobs.class).enqueue("pings", Map.of("name", "Ada"));
      assertTrue(id.matches("[0-9a-f]{24}"), id);
      List<Job> queued = context.getBean(InMemoryJobStore.class).queued("default");
      assertEquals(1, queued.size());
      Job job = queued.getFirst();
      assertEquals(id, job.id());
      assertEquals("pings", job.topic());
      assertEquals("PingWorker", job.worker(), "the route's worker, named after its controller");
      List<Event.JobsEnqueued> told = context.getBean(RecordingMonitor.class)
          .events(Event.JobsEnqueued.class);
      assertEquals(List.of(job), told.getFirst().jobs());
    }
  }

  @Test
  void aTopicWithoutARouteIsRefusedNamingTheRoutes() {
    try (ConfigurableApplicationContext context = Boot.run(WithStore.class, "karafka.name=shop",
        "karafka.kafka.hosts=127.0.0.1:9092", "karafka.server.enabled=false",
        "karafka.worker.enabled=false")) {
      RoutingException e = assertThrows(RoutingException.class,
          () -> context.getBean(KarafkaJobs.class).enqueue("pongs", Map.of()));
      assertEquals("cannot enqueue a job for topic 'pongs': it has no route in app shop; its"
          + " routes: [pings]", e.getMessage());
    }
  }

  /** The customized inline app with an in-memory job store. */
  @Configuration(proxyBeanMethods = false)
  @Import(TestApps.Customized.class)
  static class WithStore {
    @Bean
    InMemoryJobStore jobStore() {
      return new InMemoryJobStore(TestApps.Customized.CLOCK);
    }
  }
}
