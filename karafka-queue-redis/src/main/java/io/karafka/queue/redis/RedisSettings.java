package io.karafka.queue.redis;

import io.karafka.app.ConfigProblem;
import io.karafka.app.ConfigurationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where and how the Redis job store connects.
 *
 * @param url {@code redis://[user:password@]host:port[/database]}, or {@code rediss://} for TLS
 * @param namespace prefix of every key ({@code namespace:queue:default}), as redis-namespace
 *     writes them; empty for Sidekiq's plain keys
 * @param poolSize connections kept (default 10)
 * @param timeout connect and read timeout (default 5 s)
 * @param heartbeatTtl how long a worker process stays listed after its last heartbeat (it beats
 *     every twelfth of it); a killed worker's jobs go back to their queues after that (default
 *     25 s: back within about 30 s). Shorter brings them back sooner, but a worker that cannot
 *     reach Redis for longer (a long GC pause, a network partition) may then see its jobs run
 *     again elsewhere; a store that just had an outage waits one TTL before it recovers anyone
 * @param caCert for {@code rediss://}: the CA certificate(s) to trust, as PEM text or the path
 *     of a PEM file; empty to trust the JVM's default trust store. The server's certificate
 *     must also name the URL's host (hostname verification is always on).
 */
public record RedisSettings(URI url, Optional<String> namespace, int poolSize, Duration timeout,
                            Duration heartbeatTtl, Optional<String> caCert) {
  private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9._-]{1,100}");

  /** Validates presence. */
  public RedisSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(heartbeatTtl, "heartbeatTtl");
    Objects.requireNonNull(caCert, "caCert");
  }

  /** @return whether connections use TLS ({@code rediss://}) */
  public boolean tls() {
    return "rediss".equals(url.getScheme());
  }

  @Override
  public String toString() {
    return "RedisSettings[url=" + maskedUrl() + ", namespace=" + namespace.orElse("none")
        + ", poolSize=" + poolSize + ", timeout=" + timeout + ", heartbeatTtl=" + heartbeatTtl
        + ", caCert=" + caCert.map(v -> "set").orElse("none") + "]";
  }

  /** @return a builder; {@link Builder#build()} checks every setting at once */
  public static Builder builder(String url) {
    return new Builder(url);
  }

  /** @return the URL with its password masked, for messages and logs */
  public String maskedUrl() {
    String info = url.getUserInfo();
    if (info == null || !info.contains(":")) {
      return url.toString();
    }
    return url.toString().replace(info + "@", info.substring(0, info.indexOf(':')) + ":****@");
  }

  /** @return the key prefix: {@code namespace:} or nothing */
  String prefix() {
    return namespace.map(n -> n + ":").orElse("");
  }

  /** Collects settings. */
  public static final class Builder {
    private final String url;
    private String namespace;
    private int poolSize = 10;
    private Duration timeout = Duration.ofSeconds(5);
    private Duration heartbeatTtl = Duration.ofSeconds(25);
    private String caCert;

    private Builder(String url) {
      this.url = url;
    }

    /** Key prefix, e.g. the app name. @return this */
    public Builder namespace(String value) {
      this.namespace = value;
      return this;
    }

    /** Default 10. @return this */
    public Builder poolSize(int value) {
      this.poolSize = value;
      return this;
    }

    /** Default 5 s. @return this */
    public Builder timeout(Duration value) {
      this.timeout = value;
      return this;
    }

    /** Default 60 s. @return this */
    public Builder heartbeatTtl(Duration value) {
      this.heartbeatTtl = value;
      return this;
    }

    /**
     * For {@code rediss://} with a private CA: the CA certificate(s) as PEM text, or the path of
     * a PEM file. Without it the JVM's default trust store decides.
     *
     * @return this
     */
    public Builder caCert(String pemOrPath) {
      this.caCert = pemOrPath;
      return this;
    }

    /**
     * @return the settings
     * @throws ConfigurationException naming every bad setting
     */
    public RedisSettings build() {
      List<ConfigProblem> problems = new ArrayList<>();
      URI uri = null;
      try {
        uri = new URI(url == null ? "" : url);
        if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())) {
          problems.add(new ConfigProblem("redis.url", url, "must start with redis:// or"
              + " rediss:// (TLS)", "use e.g. redis://127.0.0.1:6379/0"));
        } else if (uri.getHost() == null) {
          problems.add(new ConfigProblem("redis.url", url, "names no host",
              "use e.g. redis://127.0.0.1:6379/0"));
        } else if (uri.getPath() != null && !uri.getPath().isEmpty()
            && !uri.getPath().matches("/\\d{0,2}")) {
          problems.add(new ConfigProblem("redis.url", url, "the path must be a database number",
              "use e.g. redis://127.0.0.1:6379/0"));
        }
      } catch (URISyntaxException e) {
        problems.add(new ConfigProblem("redis.url", url, "is not a URL (" + e.getReason() + ")",
            "use e.g. redis://user:password@127.0.0.1:6379/0"));
      }
      if (namespace != null && !NAMESPACE.matcher(namespace).matches()) {
        problems.add(new ConfigProblem("redis.namespace", namespace, "must be 1-100 characters"
            + " from [A-Za-z0-9._-]", "use e.g. .namespace(\"my_app\")"));
      }
      if (poolSize < 1 || poolSize > 1000) {
        problems.add(new ConfigProblem("redis.poolSize", poolSize, "must be between 1 and 1000",
            "set e.g. .poolSize(10)"));
      }
      if (timeout == null || !timeout.isPositive()) {
        problems.add(new ConfigProblem("redis.timeout", timeout, "must be a positive duration",
            "set e.g. .timeout(Duration.ofSeconds(5))"));
      }
      if (heartbeatTtl == null || heartbeatTtl.compareTo(Duration.ofSeconds(1)) < 0) {
        problems.add(new ConfigProblem("redis.heartbeatTtl", heartbeatTtl, "must be at least 1"
            + " second", "set e.g. .heartbeatTtl(Duration.ofSeconds(25))"));
      }
      if (caCert != null) {
        if (uri != null && !"rediss".equals(uri.getScheme())) {
          problems.add(new ConfigProblem("redis.caCert", "set", "needs a rediss:// (TLS) URL",
              "use rediss://host:port/0, or drop .caCert(...)"));
        } else {
          try {
            RedisTls.trustedCertificates(caCert);
          } catch (IllegalArgumentException e) {
            problems.add(new ConfigProblem("redis.caCert", RedisTls.describe(caCert),
                e.getMessage(), "give the PEM text (-----BEGIN CERTIFICATE-----...) or the path"
                + " of a readable PEM file"));
          }
        }
      }
      if (!problems.isEmpty()) {
        throw new ConfigurationException(problems);
      }
      return new RedisSettings(uri, Optional.ofNullable(namespace), poolSize, timeout,
          heartbeatTtl, Optional.ofNullable(caCert));
    }
  }
}
