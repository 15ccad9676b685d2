package io.karafka.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.app.KarafkaApp;
import io.karafka.consumer.GroupStatus;
import io.karafka.health.Health;
import io.karafka.health.HealthServer;
import io.karafka.monitor.Monitor;
import io.karafka.server.KarafkaServer;
import io.karafka.testkit.Await;
import io.karafka.testkit.HttpAnswer;
import io.karafka.testkit.InMemoryProducer;
import java.net.InetSocketAddress;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The health endpoint of a server on a real broker: ready once its group holds partitions, 503
 * naming the group while the broker is stopped (live meanwhile: the poll loop runs), 200 again
 * once it is back; the group's sampled lag on the way.
 */
class KafkaHealthIT extends OnEmbeddedBroker {
  private static final Duration SESSION = Duration.ofSeconds(6);

  @Test
  void readyFlipsWithTheBrokerAndLiveStaysUp() throws Exception {
    String topic = "health.orders";
    String group = "health_" + topic;
    kafka.createTopic(topic, 2);
    KarafkaApp app = KarafkaApp.builder()
        .setup(c -> c.name("health").inlineMode(true).monitor(Monitor.none())
            .kafka(k -> k.hosts(kafka.bootstrapServers()).sessionTimeout(SESSION)
                .heartbeatInterval(Duration.ofSeconds(1))))
        .routes(r -> r.topic(topic).controller(() -> new Handled.OrdersController(handled,
            group)))
        .build();
    KafkaMessageSource source = new KafkaMessageSource(app);
    try (KarafkaServer server = KarafkaServer.builder(app).source(source)
        .producer(new InMemoryProducer()).build();
         HealthServer health = HealthServer.start(Health.of(app).server(server),
             new InetSocketAddress("127.0.0.1", 0))) {
      assertEquals(503, get(health, "/health/ready").status(), "not started");
      server.start();
      Await.within(Duration.ofSeconds(60), "ready", () -> status(health,
          "/health/ready") == 200);
      String ready = get(health, "/health/ready").body();
      assertTrue(ready.contains("{\"name\":\"partitions of consumer group " + group
          + "\",\"status\":\"UP\",\"detail\":\"2 partitions held\"}"), ready);
      assertTrue(ready.contains("{\"name\":\"consumer group " + group + "\",\"status\":\"UP\","
          + "\"detail\":\"poll loop came back "), ready);

      KafkaTestSupport.produce(kafka, List.of(KafkaTestSupport.record(topic, 0, null, "{\"n\":0}"),
          KafkaTestSupport.record(topic, 1, null, "{\"n\":1}")));
      Await.within(Duration.ofSeconds(60), "both handled", () -> handled.size() == 2);
      Await.within(Duration.ofSeconds(30), "the lag of both partitions sampled",
          () -> server.groups().getFirst().lag().equals(List.of(
              new GroupStatus.Lag(topic, 0, 0), new GroupStatus.Lag(topic, 1, 0))));

      kafka.stopBroker();
      try {
        Await.within(SESSION.plusSeconds(30), "not ready while Kafka is down",
            () -> status(health, "/health/ready") == 503);
        String down = get(health, "/health/ready").body();
        assertTrue(down.contains("{\"name\":\"kafka group " + group + "\",\"status\":\"DOWN\","
            + "\"detail\":\"down since "), down);
        assertTrue(down.contains("no answer from Kafka at " + kafka.bootstrapServers()), down);
        assertEquals(200, status(health, "/health/live"), "the poll loop still runs");
      } finally {
        kafka.startBroker();
      }
      Await.within(Duration.ofSeconds(60), "ready again", () -> status(health,
          "/health/ready") == 200);
    }
  }

  private static HttpAnswer get(HealthServer health, String path) throws IOException {
    return HttpAnswer.get(url(health, path));
  }

  private static int status(HealthServer health, String path) {
    return HttpAnswer.status(url(health, path));
  }

  private static String url(HealthServer health, String path) {
    return "http://127.0.0.1:" + health.port() + path;
  }
}
