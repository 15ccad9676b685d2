package io.karafka.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.health.HealthReport;
import io.karafka.testkit.Await;
import io.karafka.testkit.InMemoryJobStore;
import io.karafka.testkit.InMemoryProducer;
import io.karafka.worker.KarafkaWorker;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The worker runs with the context: started at its start, performing jobs with the context's
 * controllers, stopped at its close; and {@code karafka.worker.enabled: false} keeps it off.
 */
class KarafkaProcessTest {

  @Test
  void theWorkerPerformsJobsWhileTheContextRunsAndStopsWithIt() throws Exception {
    KarafkaWorker worker;
    try (ConfigurableApplicationContext context = Boot.run(WithStore.class, "karafka.name=shop",
        "karafka.kafka.hosts=127.0.0.1:9092", "karafka.server.enabled=false",
        "karafka.jobs.poll-interval=100ms")) {
      KarafkaProcess process = context.getBean(KarafkaProcess.class);
      assertTrue(process.isRunning());
      assertTrue(process.server().isEmpty());
      worker = process.worker().orElseThrow();
      assertTrue(worker.status().running());

      context.getBean(KarafkaJobs.class).enqueue("pings", Map.of("name", "Ada"));
      TestApps.Seen seen = context.getBean(TestApps.Seen.class);
      Await.within(Duration.ofSeconds(10), "the job performed", () -> !seen.names.isEmpty());
      assertEquals(List.of("Ada"), seen.names);
      InMemoryProducer producer = context.getBean(InMemoryProducer.class);
      Await.within(Duration.ofSeconds(10), "its response", () -> !producer.sent().isEmpty());
      assertEquals("pongs", producer.sent().getFirst().topic());
      HealthReport live = process.health().live();
      assertTrue(live.up(), live.toJson());
    }
    assertFalse(worker.status().running(), "stopped with the context");
  }

  @Test
  void aProcessWithTheWorkerTurnedOffRunsNone() {
    try (ConfigurableApplicationContext context = Boot.run(WithStore.class, "karafka.name=shop",
        "karafka.kafka.hosts=127.0.0.1:9092", "karafka.server.enabled=false",
        "karafka.worker.enabled=false")) {
      KarafkaProcess process = context.getBean(KarafkaProcess.class);
      assertTrue(process.worker().isEmpty());
      assertTrue(process.server().isEmpty());
      assertEquals("KarafkaProcess[shop, server off, worker off]", process.toString());
    }
  }

  /** The inline app with a job store and a producer of the application's own. */
  @Configuration(proxyBeanMethods = false)
  @Import(TestApps.Inline.class)
  static class WithStore {
    @Bean
    InMemoryJobStore jobStore() {
      return new InMemoryJobStore(Clock.systemUTC());
    }

    @Bean
    InMemoryProducer producer() {
      return new InMemoryProducer();
    }
  }
}
