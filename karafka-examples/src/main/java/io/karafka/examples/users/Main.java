package io.karafka.examples.users;

import io.karafka.cli.KarafkaCli;
import io.karafka.examples.wiring.RedisWiring;
import io.karafka.kafka.KafkaMessageSource;
import io.karafka.kafka.KafkaProducerPool;
import io.karafka.queue.redis.RedisJobStore;
import io.karafka.server.KarafkaServer;
import io.karafka.worker.KarafkaWorker;

/**
 * The example app's entry point: the Karafka command line over the app, with the server and the
 * worker wired to Kafka ({@code KAFKA_HOSTS}) and Redis ({@code REDIS_URL}).
 *
 * <pre>
 * java -cp ... io.karafka.examples.users.Main routes
 * java -cp ... io.karafka.examples.users.Main server --exclude-groups audit_group
 * java -cp ... io.karafka.examples.users.Main worker --concurrency 20
 * </pre>
 */
public final class Main {
  private Main() {}

  /** Runs one command and exits with its code. */
  public static void main(String[] args) {
    // the CLI builds the app: bad settings or routes print one line each and exit 78
    int exit = KarafkaCli.builder(ExampleApp::build)
        .server((a, groups) -> {
          KafkaProducerPool producer = new KafkaProducerPool(a);
          RedisJobStore store = RedisWiring.store(a);
          return KarafkaServer.builder(a)
              .source(new KafkaMessageSource(a))
              .producer(producer)
              .jobQueue(store)
              .consumerGroups(groups)
              .build();
        })
        .worker((a, jobs) -> {
          RedisJobStore store = RedisWiring.store(a);
          KafkaProducerPool producer = new KafkaProducerPool(a);
          // closed after a clean stop: the worker leaves Sidekiq's process list at once
          return KarafkaWorker.builder(a, store, producer).settings(jobs)
              .closing(store, producer).build();
        })
        .console("io.karafka.examples.users.ExampleApp.build()")
        .build()
        .run(args);
    System.exit(exit);
  }
}
