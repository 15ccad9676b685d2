package io.karafka.examples.users;

import io.karafka.app.KarafkaApp;
import io.karafka.cli.KarafkaCli;
import io.karafka.examples.wiring.RedisWiring;
import io.karafka.kafka.KafkaMessageSource;
import io.karafka.kafka.KafkaProducerPool;
import io.karafka.micrometer.KarafkaMetrics;
import io.karafka.monitor.Monitor;
import io.karafka.queue.redis.RedisJobStore;
import io.karafka.server.KarafkaServer;
import io.karafka.worker.KarafkaWorker;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/**
 * The example app's entry point: the Karafka command line over the app, with the server and the
 * worker wired to Kafka ({@code KAFKA_HOSTS}) and Redis ({@code REDIS_URL}).
 *
 * <pre>
 * target/example-app/bin/example-app routes
 * target/example-app/bin/example-app server --exclude-groups audit_group
 * target/example-app/bin/example-app worker --concurrency 20
 * </pre>
 *
 * ({@code ./mvnw package} builds that distribution: the launcher runs this class on {@code lib/*}.)
 */
public final class Main {
  private Main() {}

  /** Runs one command and exits with its code. */
  public static void main(String[] args) {
    // metrics on /metrics of --health-port (karafka-micrometer on a Prometheus registry)
    KarafkaMetrics metrics = new KarafkaMetrics(
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    // the CLI builds the app: bad settings or routes print one line each and exit 78
    int exit = KarafkaCli.builder(() -> withMetrics(ExampleApp.build(), metrics))
        .server((a, groups) -> {
          KafkaProducerPool producer = new KafkaProducerPool(a);
          RedisJobStore store = RedisWiring.store(a);
          KarafkaServer server = KarafkaServer.builder(a)
              .source(new KafkaMessageSource(a))
              .producer(producer)
              .jobQueue(store)
              .consumerGroups(groups)
              .build();
          metrics.bind(a).bind(server);
          return server;
        })
        .worker((a, jobs) -> {
          RedisJobStore store = RedisWiring.store(a);
          KafkaProducerPool producer = new KafkaProducerPool(a);
          // closed after a clean stop: the worker leaves Sidekiq's process list at once
          KarafkaWorker worker = KarafkaWorker.builder(a, store, producer).settings(jobs)
              .closing(store, producer).build();
          metrics.bind(a).bind(worker).bind(store, Duration.ofSeconds(10));
          return worker;
        })
        .console("io.karafka.examples.users.ExampleApp.build()")
        .build()
        .run(args);
    System.exit(exit);
  }

  /** @return the app, its events told to its log and to the metrics */
  private static KarafkaApp withMetrics(KarafkaApp app, KarafkaMetrics metrics) {
    return app.withMonitor(Monitor.combine(app.monitor(), metrics));
  }
}
