package io.karafka.examples.users;

import io.karafka.app.KarafkaApp;
import io.karafka.consumer.BatchResult;
import io.karafka.job.JobStoreStats;
import io.karafka.monitor.Event;
import io.karafka.monitor.Monitor;
import io.karafka.producer.OutgoingMessage;
import io.karafka.routing.Route;
import io.karafka.server.KarafkaServer;
import io.karafka.testkit.InMemoryJobStore;
import io.karafka.testkit.InMemoryMessageSource;
import io.karafka.testkit.InMemoryProducer;
import io.karafka.testkit.TestMessage;
import io.karafka.worker.KarafkaWorker;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;

/**
 * Runs the example app end to end in one process: messages are consumed, filtered by callbacks,
 * enqueued, performed by the real worker runtime and answered by the responder. Kafka and the job
 * store are the test kit's in-memory ones here (wire {@code karafka-kafka-adapter} and a Redis or
 * JDBC job store for real deployments).
 */
public final class Demo {
  private Demo() {}

  /** Prints what happens to a few messages. */
  public static void main(String[] args) throws Exception {
    PrintStream out = System.out;
    Monitor printer = event -> {
      switch (event) {
        case Event.CallbackAborted e -> out.println("  " + e.topic() + "@" + e.offset()
            + ": aborted by a beforeEnqueue callback (still committed)");
        case Event.ParserFailed e -> out.println("  " + e.topic() + "@" + e.offset()
            + ": malformed JSON, raw payload kept under params \"message\"");
        case Event.JobsEnqueued e -> e.jobs().forEach(job -> out.println("  enqueued job "
            + job.id() + " (" + job.worker() + " on queue " + job.queue() + ")"));
        case Event.JobPerformed e -> out.println("  worker performed job " + e.job().id());
        default -> { }
      }
    };
    KarafkaApp app = ExampleApp.build().withMonitor(printer);
    out.println("Karafka for Java demo: app " + app.name() + " (" + app.env() + ")");
    for (Route route : app.routes()) {
      out.println("route " + route.topic() + " -> " + route.controller().getSimpleName()
          + ", group " + route.group() + ", worker " + route.worker().name() + ", responder "
          + route.responder().map(Class::getSimpleName).orElse("none")
          + (route.inlineMode() ? ", inline" : ", background"));
    }

    InMemoryMessageSource kafka = new InMemoryMessageSource(Clock.systemUTC());
    InMemoryProducer producer = new InMemoryProducer();
    InMemoryJobStore jobs = new InMemoryJobStore(Clock.systemUTC());
    JobStoreStats stats;
    try (KarafkaServer server = KarafkaServer.builder(app).source(kafka).producer(producer)
        .jobQueue(jobs).build();
         KarafkaWorker worker = KarafkaWorker.builder(app, jobs, producer).build()) {
      server.start();
      String topic = app.config().topicMapper().outgoing("users_create");
      for (String json : List.of("{\"name\":\"Ada\",\"age\":36}", "{\"name\":\"Tim\",\"age\":12}",
          "{\"name\":\"Grace\",\"age\":85}", "{not json")) {
        out.println("consume " + topic + ": " + json);
        BatchResult result = kafka.deliver(topic, List.of(TestMessage.json(json)));
        out.println("  commit offset " + result.commitOffset());
      }
      out.println("start worker (" + app.config().jobs().concurrency() + " threads)");
      worker.start();
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (jobs.stats().processed() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      stats = jobs.stats();
    }
    for (OutgoingMessage message : producer.sent()) {
      out.println("published " + message.topic() + " " + message.partitioning() + " "
          + message.payloadString());
    }
    out.println("users created: " + UsersCreateController.created() + "; jobs processed "
        + stats.processed() + ", failed " + stats.failed());
  }
}
