package io.karafka.app;

import io.karafka.app.internal.ConfigCheck;
import java.time.Duration;

/**
 * The producers' connection pool (the seed's {@code connection_pool.*}).
 *
 * @param size how many producers may send at once (default 5)
 * @param timeout how long to wait for a free one (default 5 s)
 */
public record ConnectionPoolSettings(int size, Duration timeout) {
  /** Builds {@link ConnectionPoolSettings}. */
  public static final class Builder {
    private int size = 5;
    private Duration timeout = Duration.ofSeconds(5);

    Builder() {}

    /** Default 5. @return this */
    public Builder size(int value) {
      this.size = value;
      return this;
    }

    /** Default 5 s. @return this */
    public Builder timeout(Duration value) {
      this.timeout = value;
      return this;
    }

    ConnectionPoolSettings build(ConfigCheck problems) {
      problems.range("connectionPool.size", size, 1, 1000, "size(5)");
      problems.positive("connectionPool.timeout", timeout, "timeout(Duration.ofSeconds(5))");
      return new ConnectionPoolSettings(size, timeout);
    }
  }
}
