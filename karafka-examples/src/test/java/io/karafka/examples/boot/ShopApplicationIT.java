package io.karafka.examples.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.karafka.spring.boot.KarafkaProcess;
import io.karafka.testkit.Await;
import io.karafka.testkit.EmbeddedKafka;
import io.karafka.testkit.LocalPostgres;
import io.karafka.testkit.LocalRedis;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The Spring Boot example against a real Kafka broker (in the JVM), PostgreSQL and redis-server:
 * an order message in, its job performed by the worker, its confirmation and its invoice out;
 * the web endpoint's transaction with its job; the actuator's health, probe groups and
 * Prometheus meters; a clean close. Once on the JDBC store, once on Redis, whose outage the
 * readiness group reports.
 */
class ShopApplicationIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void ordersFlowThroughKafkaTheStoreAndTheWorkerWhileTheActuatorTellsHowItGoes()
      throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start();
         LocalPostgres postgres = LocalPostgres.start(false);
         LocalRedis redis = LocalRedis.start()) {
      kafka.createTopics(Map.of("orders", 1, "invoices", 1, "orders_confirmed", 1,
          "invoices_issued", 1));
      KarafkaProcess process;
      try (Topics topics = new Topics(kafka, "orders_confirmed", "invoices_issued");
           ConfigurableApplicationContext shop = start(kafka, postgres, "karafka.store=jdbc")) {
        process = shop.getBean(KarafkaProcess.class);
        String base = "http://127.0.0.1:" + port(shop);
        awaitStatus(base + "/actuator/health/readiness", 200);

        topics.send("orders", "{\"id\":1,\"item\":\"book\",\"quantity\":2}");
        topics.await("orders_confirmed", "{\"id\":1,\"item\":\"book\",\"quantity\":2}");
        topics.await("invoices_issued", "{\"orderId\":1,\"item\":\"book\",\"quantity\":2}");

        HttpResponse<String> health = get(base + "/actuator/health");
        assertEquals(200, health.statusCode(), health.body());
        assertEquals("UP", status(health.body(), ""), health.body());
        assertEquals("UP", status(health.body(), "/components/karafka"), health.body());
        assertEquals("UP", status(health.body(), "/components/karafkaReadiness"));
        String liveness = get(base + "/actuator/health/liveness").body();
        assertEquals("UP", status(liveness, "/components/karafka"), liveness);
        String ready = get(base + "/actuator/health/readiness").body();
        assertEquals("UP", status(ready, "/components/karafkaReadiness"), ready);
        String metrics = get(base + "/actuator/prometheus").body();
        for (String meter : new String[] {"karafka_messages_received_total",
            "karafka_jobs_enqueued_total", "karafka_jobs_performed_total",
            "karafka_responses_sent_total", "karafka_dependency_up", "karafka_store_running",
            "karafka_worker_threads"}) {
          assertTrue(metrics.contains(meter), meter + " in\n" + metrics);
        }

        JdbcTemplate sql = shop.getBean(JdbcTemplate.class);
        HttpResponse<String> refused = post(base + "/orders",
            "{\"id\":2,\"item\":\"pen\",\"quantity\":0}");
        assertEquals(500, refused.statusCode(), refused.body());
        assertEquals(0, sql.queryForObject("SELECT count(*) FROM shop_orders WHERE id = 2",
            Long.class), "rolled back: no order");
        assertEquals(0, sql.queryForObject("SELECT count(*) FROM karafka_jobs", Long.class),
            "rolled back: no invoice job");
        HttpResponse<String> placed = post(base + "/orders",
            "{\"id\":3,\"item\":\"pen\",\"quantity\":1}");
        assertEquals(200, placed.statusCode(), placed.body());
        topics.await("invoices_issued", "{\"orderId\":3,\"item\":\"pen\",\"quantity\":1}");
      }
      assertFalse(process.isRunning(), "stopped with the context");
      assertFalse(process.worker().orElseThrow().status().running());
      assertFalse(process.server().orElseThrow().running());

      try (Topics topics = new Topics(kafka, "orders_confirmed", "invoices_issued");
           ConfigurableApplicationContext shop = start(kafka, postgres, "karafka.store=redis",
               "karafka.redis.url=" + redis.url())) {
        String base = "http://127.0.0.1:" + port(shop);
        topics.send("orders", "{\"id\":4,\"item\":\"lamp\",\"quantity\":1}");
        topics.await("invoices_issued", "{\"orderId\":4,\"item\":\"lamp\",\"quantity\":1}");
        awaitStatus(base + "/actuator/health/readiness", 200);

        redis.stopServer();
        awaitStatus(base + "/actuator/health/readiness", 503);
        String readiness = get(base + "/actuator/health/readiness").body();
        assertEquals("DOWN", status(readiness, ""), readiness);
        assertEquals("DOWN", status(readiness, "/components/karafkaReadiness"), readiness);
        assertEquals("UP", status(readiness, "/components/readinessState"), readiness);
        assertEquals(200, get(base + "/actuator/health/liveness").statusCode(),
            "an outage of the store is no reason to restart");
        redis.startServer();
        awaitStatus(base + "/actuator/health/readiness", 200);
      }
    }
  }

  private static ConfigurableApplicationContext start(EmbeddedKafka kafka,
                                                      LocalPostgres postgres,
                                                      String... more) {
    String[] args = {"--server.port=0", "--karafka.kafka.hosts=" + kafka.bootstrapServers(),
        "--spring.datasource.url=" + postgres.jdbcUrl(),
        "--spring.datasource.username=" + LocalPostgres.USER,
        "--spring.datasource.password=" + LocalPostgres.PASSWORD,
        "--karafka.jobs.poll-interval=200ms"};
    String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
        java.util.Arrays.stream(more).map(m -> "--" + m)).toArray(String[]::new);
    return new SpringApplicationBuilder(ShopApplication.class).run(all);
  }

  /** @return the {@code status} of the health JSON at that JSON pointer */
  private static String status(String json, String at) throws java.io.IOException {
    return JSON.readTree(json).at(at + "/status").asText();
  }

  private static int port(ConfigurableApplicationContext context) {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  private void awaitStatus(String url, int status) throws InterruptedException {
    Await.within(Duration.ofSeconds(60), url + " answering " + status,
        () -> get(url).statusCode() == status);
  }

  private HttpResponse<String> get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
  }

  private HttpResponse<String> post(String url, String json) {
    return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type",
        "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
