package io.karafka.kafka;

import io.karafka.app.KarafkaApp;
import io.karafka.server.KarafkaServer;

/** The server of a test's child JVM ({@link ChildProcess}): serves until the JVM is stopped. */
final class ChildServer {
  private ChildServer() {}

  /**
   * Starts a server of the app on Kafka, prints {@code ready} once its partitions are assigned
   * and serves until a signal stops the JVM; the shutdown hook closes it gracefully, then prints
   * {@code closed}.
   */
  static void serve(KarafkaApp app) throws InterruptedException {
    KafkaMessageSource source = new KafkaMessageSource(app);
    KafkaProducerPool producer = new KafkaProducerPool(app);
    KarafkaServer server = KarafkaServer.builder(app).source(source).producer(producer).build();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      producer.close();
      System.out.println("closed");
    }));
    server.start();
    while (!source.assigned()) {
      Thread.sleep(10);
    }
    System.out.println("ready");
    server.awaitShutdown();
  }
}
