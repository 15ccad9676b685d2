package io.karafka.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Health and metrics over HTTP, on the JDK's own server, for orchestrators and scrapers. No
 * login (probes cannot log in): it tells states and numbers, never payloads or secrets.
 *
 * <ul>
 *   <li>{@code GET /health/live}: 200 while the process's loops run, else 503 (restart it);</li>
 *   <li>{@code GET /health/ready}: 200 when its groups hold partitions and its dependencies are
 *       up, else 503 (send it no work; it heals when they return);</li>
 *   <li>{@code GET /metrics}: the app's metrics as Prometheus text (karafka-micrometer), 404
 *       with the reason when the app has none.</li>
 * </ul>
 *
 * Both health answers are JSON naming every check and what is down:
 * {@code {"status":"DOWN","checks":[{"name":"job store","status":"DOWN","detail":"down since
 * ...: Connection refused; ..."}]}}. {@link #close()} stops it.
 */
public final class HealthServer implements AutoCloseable {
  private final Health health;
  private final HttpServer server;
  private final ExecutorService executor;

  private HealthServer(Health health, HttpServer server) {
    this.health = health;
    this.server = server;
    this.executor = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "karafka-health");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /**
   * Serves on every interface (what a pod's probes and scrapers reach).
   *
   * @param port the port; 0 for any free one ({@link #port()} tells which)
   * @return the started server
   * @throws IllegalStateException when the port cannot be bound (named in the message)
   */
  public static HealthServer start(Health health, int port) {
    return start(health, new InetSocketAddress(port));
  }

  /**
   * @param address where to listen, e.g. {@code new InetSocketAddress("127.0.0.1", 8081)}
   * @return the started server
   * @throws IllegalStateException when the address cannot be bound (named in the message)
   */
  public static HealthServer start(Health health, InetSocketAddress address) {
    Objects.requireNonNull(health, "health");
    Objects.requireNonNull(address, "address");
    try {
      return new HealthServer(health, HttpServer.create(address, 50));
    } catch (IOException e) {
      throw new IllegalStateException("the health endpoint cannot listen on port "
          + address.getPort() + " (" + e.getMessage() + "); choose another port", e);
    }
  }

  /** @return the port served (the real one when 0 was asked for) */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Stops serving; requests in flight get a second to finish. */
  @Override
  public void close() {
    server.stop(1);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        reply(exchange, 405, "text/plain; charset=utf-8", "only GET and HEAD\n");
        return;
      }
      switch (exchange.getRequestURI().getPath()) {
        case "/health/live" -> report(exchange, health.live());
        case "/health/ready" -> report(exchange, health.ready());
        case "/metrics" -> metrics(exchange, health.metrics());
        default -> reply(exchange, 404, "text/plain; charset=utf-8", "not found; this server"
            + " answers /health/live, /health/ready and /metrics\n");
      }
    } catch (RuntimeException e) {
      reply(exchange, 500, "text/plain; charset=utf-8", "health check failed: " + e + "\n");
    }
  }

  private static void report(HttpExchange exchange, HealthReport report) throws IOException {
    reply(exchange, report.up() ? 200 : 503, "application/json", report.toJson());
  }

  private static void metrics(HttpExchange exchange, Optional<MetricsScrape> metrics)
      throws IOException {
    if (metrics.isEmpty()) {
      reply(exchange, 404, "text/plain; charset=utf-8", "no metrics: the app's monitor cannot"
          + " be scraped; add karafka-micrometer's monitor on a Prometheus registry, or give one"
          + " with Health.metrics(...)\n");
      return;
    }
    reply(exchange, 200, metrics.get().contentType(), metrics.get().scrape());
  }

  private static void reply(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
