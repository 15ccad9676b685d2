package io.karafka.cli.internal;

import io.karafka.KarafkaException;
import io.karafka.health.Health;
import io.karafka.health.HealthServer;
import java.io.PrintStream;

/** The health endpoint a {@code server} or {@code worker} command starts on its port. */
public final class HealthEndpoint {
  private HealthEndpoint() {}

  /**
   * @param port from {@code --health-port} or {@code health.port}; 0 for none
   * @return the started endpoint, or null (a try-with-resources skips it) for port 0
   * @throws KarafkaException when the port cannot be bound, naming it and the settings
   */
  public static HealthServer start(String command, int port, Health health, PrintStream out) {
    if (port == 0) {
      return null;
    }
    HealthServer http;
    try {
      http = HealthServer.start(health, port);
    } catch (IllegalStateException e) {
      throw new KarafkaException(e.getMessage() + " (--health-port or health.port)", e);
    }
    out.println("karafka " + command + ": health on port " + http.port() + ": /health/live,"
        + " /health/ready, /metrics" + (health.metrics().isEmpty() ? " (no metrics: see"
            + " karafka-micrometer)" : ""));
    return http;
  }
}
