package io.karafka.kafka;

import io.karafka.app.KarafkaApp;
import io.karafka.monitor.Event;
import io.karafka.monitor.Monitor;
import io.karafka.server.KarafkaServer;
import java.util.concurrent.CountDownLatch;

/** The server of a test's child JVM ({@link ChildProcess}): serves until the JVM is stopped. */
final class ChildServer {
  private ChildServer() {}

  /**
   * Starts a server of the app on Kafka, prints {@code ready} once its group was assigned
   * partitions (the monitor's {@code Rebalanced} event) and serves until a signal stops the JVM;
   * the shutdown hook closes it gracefully, then prints {@code closed}.
   */
  static void serve(KarafkaApp app) throws InterruptedException {
    CountDownLatch assigned = new CountDownLatch(1);
    KarafkaApp watched = app.withMonitor(Monitor.combine(app.monitor(), event -> {
      if (event instanceof Event.Rebalanced r && !r.assigned().isEmpty()) {
        assigned.countDown(); // the child apps consume one group
      }
    }));
    KafkaProducerPool producer = new KafkaProducerPool(watched);
    KarafkaServer server = KarafkaServer.builder(watched).source(new KafkaMessageSource(watched))
        .producer(producer).build();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      producer.close();
      System.out.println("closed");
    }));
    server.start();
    assigned.await();
    System.out.println("ready");
    server.awaitShutdown();
  }
}
