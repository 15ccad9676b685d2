package io.karafka.examples.wiring;

import io.karafka.app.KarafkaApp;
import io.karafka.job.JobQueue;
import io.karafka.kafka.KafkaMessageSource;
import io.karafka.kafka.KafkaProducerPool;
import io.karafka.server.KarafkaServer;
import java.time.Duration;

/** A server process on Kafka, stopped gracefully on SIGTERM or Ctrl-C. */
public final class KafkaWiring {
  private KafkaWiring() {}

  /** @return settings for a consumer that dead-letters after 5 tries (in setup) */
  public static KarafkaApp app() {
    return KarafkaApp.builder()
        .setup(config -> config
            .name("billing")
            .inlineMode(true)
            .kafka(kafka -> kafka
                .hosts("kafka-1.internal:9092")          // one is enough: the rest is discovered
                .offsetCommitInterval(Duration.ofSeconds(5))
                .offsetCommitThreshold(1000)
                .retryBackoff(Duration.ofSeconds(1))      // 1 s, 2 s, 4 s ... up to 60 s
                .maxAttempts(5)
                .deadLetterTopic("billing_dead_letters")
                .property("security.protocol", "SASL_SSL")
                .property("sasl.mechanism", "PLAIN")))
        .routes(r -> r.topic("invoices").controller(JsonWiring.SignupsController.class))
        .build();
  }

  /** Runs until the JVM is asked to stop; then finishes work in flight and commits. */
  public static void run(KarafkaApp app, JobQueue jobQueue) throws InterruptedException {
    KafkaProducerPool producer = new KafkaProducerPool(app);
    KarafkaServer server = KarafkaServer.builder(app)
        .source(new KafkaMessageSource(app))
        .producer(producer)
        .jobQueue(jobQueue)
        .build();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();    // stop polling, finish in-flight work, commit
      producer.close();  // flush
    }));
    server.start();
    server.awaitShutdown();
  }
}
