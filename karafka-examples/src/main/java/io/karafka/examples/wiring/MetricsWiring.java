package io.karafka.examples.wiring;

import io.karafka.app.KarafkaApp;
import io.karafka.health.Health;
import io.karafka.health.HealthServer;
import io.karafka.job.JobStore;
import io.karafka.kafka.KafkaMessageSource;
import io.karafka.kafka.KafkaProducerPool;
import io.karafka.micrometer.KafkaClientsMetrics;
import io.karafka.micrometer.KarafkaMetrics;
import io.karafka.monitor.LoggingMonitor;
import io.karafka.monitor.Monitor;
import io.karafka.server.KarafkaServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/** A server process whose metrics Prometheus scrapes from /metrics, beside its health probes. */
public final class MetricsWiring {
  private MetricsWiring() {}

  /** @return the app, its events told to the log and to the metrics */
  public static KarafkaApp app(KarafkaMetrics metrics) {
    return KarafkaApp.builder()
        .setup(config -> config
            .name("billing")
            .monitor(Monitor.combine(new LoggingMonitor(), metrics))
            .kafka(kafka -> kafka.hosts("kafka-1.internal:9092")))
        .routes(r -> r.topic("invoices").controller(JsonWiring.SignupsController.class))
        .build();
  }

  /** Runs until the JVM is asked to stop; /metrics, /health/live and /health/ready on 9090. */
  public static void run(JobStore store) throws InterruptedException {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    KarafkaMetrics metrics = new KarafkaMetrics(registry);
    KarafkaApp app = app(metrics);
    KafkaProducerPool producer = new KafkaProducerPool(app,
        KafkaClientsMetrics.producers(registry));              // kafka.producer.* too
    KarafkaServer server = KarafkaServer.builder(app)
        .source(new KafkaMessageSource(app, KafkaClientsMetrics.consumers(registry)))
        .producer(producer)
        .jobQueue(store)
        .build();
    metrics.bind(app)                                          // karafka.dependency.up
        .bind(server)                                          // karafka.consumer.lag
        .bind(store, Duration.ofSeconds(10));                  // karafka.store.*
    HealthServer http = HealthServer.start(Health.of(app).server(server), 9090);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      producer.close();
      metrics.close();
      http.close();
    }));
    server.start();
    server.awaitShutdown();
  }
}
