package io.karafka.examples.users;

import io.karafka.app.KarafkaApp;
import io.karafka.examples.wiring.RedisWiring;
import io.karafka.kafka.KafkaProducerPool;
import io.karafka.monitor.Event;
import io.karafka.examples.wiring.JdbcWiring;
import io.karafka.job.JobStore;
import io.karafka.worker.KarafkaWorker;

/**
 * The example app's worker process: performs the background jobs waiting in PostgreSQL
 * ({@code DATABASE_URL}, when set) or Redis ({@code REDIS_URL}) and sends their responses to
 * Kafka ({@code KAFKA_HOSTS}); stops gracefully on SIGTERM.
 */
public final class WorkerMain {
  private WorkerMain() {}

  /** Runs until the process is asked to stop. */
  public static void main(String[] args) throws Exception {
    KarafkaApp app = ExampleApp.build().withMonitor(event -> {
      if (event instanceof Event.JobPerformed e) {
        System.out.println("performed job " + e.job().id() + " (" + e.job().worker() + ")");
      }
    });
    JobStore store = System.getenv("DATABASE_URL") != null ? JdbcWiring.store(app)
        : RedisWiring.store(app);
    KafkaProducerPool producer = new KafkaProducerPool(app);
    KarafkaWorker worker = KarafkaWorker.builder(app, store, producer).build();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      worker.close();
      producer.close();
      store.close();
      System.out.println("worker stopped");
    }));
    worker.start();
    System.out.println("worker started on " + store.getClass().getSimpleName());
    worker.awaitShutdown();
  }
}
