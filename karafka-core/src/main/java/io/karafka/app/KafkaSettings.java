package io.karafka.app;

import io.karafka.app.internal.ConfigCheck;
import io.karafka.routing.TopicNames;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How to reach and consume from Kafka (the seed's {@code kafka.*} options).
 *
 * @param hosts bootstrap brokers as {@code host:port}; one is enough, the rest of the cluster is
 *     discovered
 * @param sessionTimeout how long a silent consumer stays in its group
 * @param offsetCommitInterval how often handled offsets are committed
 * @param offsetCommitThreshold commit after this many handled messages as well (0: interval only)
 * @param heartbeatInterval how often the consumer tells the group it is alive
 * @param ssl TLS material
 * @param properties any other kafka-clients property, passed through as is (SASL, tuning, ...)
 * @param consumerThreads platform threads that handle partitions in parallel; 0 (the default):
 *     a virtual thread for each partition at work, so blocking work on one partition never waits
 *     for another's. Either way one partition is handled by one thread at a time, in order
 * @param maxPollRecords most messages one poll returns (default 500)
 * @param retryBackoff first wait before a failed message is tried again (default 1 s); doubles
 *     with each attempt
 * @param maxRetryBackoff longest wait between tries (default 60 s)
 * @param maxAttempts tries of a failing message before it goes to the dead-letter topic (default
 *     5); without a dead-letter topic the consumer keeps trying
 * @param deadLetterTopic where messages go that failed {@code maxAttempts} times (the app's name
 *     for it; the topic mapper applies); empty to retry forever
 * @param shutdownTimeout how long a stopping consumer waits for work in flight (default 30 s)
 * @param perKeyMaxInFlight most messages of per-key routes that run at once in the process,
 *     across partitions (default 1,000); a lane waits for a slot, so a poll's messages hold
 *     back the next poll of their partition and memory stays bounded
 */
public record KafkaSettings(List<String> hosts, Duration sessionTimeout,
                            Duration offsetCommitInterval, int offsetCommitThreshold,
                            Duration heartbeatInterval, SslSettings ssl,
                            Map<String, String> properties, int consumerThreads,
                            int maxPollRecords, Duration retryBackoff, Duration maxRetryBackoff,
                            int maxAttempts, Optional<String> deadLetterTopic,
                            Duration shutdownTimeout, int perKeyMaxInFlight) {
  private static final Pattern HOST = Pattern.compile("(\\[[0-9a-fA-F:]+]|[A-Za-z0-9.-]+):(\\d{1,5})");

  private static final Pattern SECRET = Pattern.compile("(?i).*(password|secret|jaas|token|key).*");

  /**
   * Validates every value, as {@link KarafkaConfig.Builder#build()} does, and copies.
   *
   * @throws ConfigurationException listing every bad value, with its key, rule and fix
   */
  public KafkaSettings {
    Objects.requireNonNull(ssl, "ssl");
    Objects.requireNonNull(properties, "properties");
    Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
    ConfigCheck problems = new ConfigCheck();
    if (hosts == null) {
      problems.add("kafka.hosts", null, "must not be null", "set e.g. .hosts(\"127.0.0.1:9092\")");
    } else {
      for (String host : hosts) {
        Matcher m = host == null ? null : HOST.matcher(host);
        if (m == null || !m.matches() || Integer.parseInt(m.group(2)) < 1
            || Integer.parseInt(m.group(2)) > 65535) {
          problems.add("kafka.hosts", host, "each host must be host:port with a port from 1 to"
              + " 65535", "set e.g. .hosts(\"127.0.0.1:9092\")");
        }
      }
    }
    problems.positive("kafka.sessionTimeout", sessionTimeout,
        "sessionTimeout(Duration.ofSeconds(30))");
    problems.positive("kafka.offsetCommitInterval", offsetCommitInterval,
        "offsetCommitInterval(Duration.ofSeconds(10))");
    problems.positive("kafka.heartbeatInterval", heartbeatInterval,
        "heartbeatInterval(Duration.ofSeconds(10))");
    if (offsetCommitThreshold < 0) {
      problems.add("kafka.offsetCommitThreshold", offsetCommitThreshold, "must be 0 or more",
          "set 0 to commit by interval only, or e.g. .offsetCommitThreshold(1000)");
    }
    if (heartbeatInterval != null && sessionTimeout != null && heartbeatInterval.isPositive()
        && sessionTimeout.isPositive() && heartbeatInterval.compareTo(sessionTimeout) >= 0) {
      problems.add("kafka.heartbeatInterval", heartbeatInterval, "must be lower than"
          + " kafka.sessionTimeout (" + sessionTimeout + ")", "set it to a third of the session"
          + " timeout or less");
    }
    if (ssl.clientCert().isEmpty() != ssl.clientCertKey().isEmpty()) {
      problems.add(ssl.clientCert().isEmpty() ? "kafka.ssl.clientCert" : "kafka.ssl.clientCertKey",
          null, "client certificate and its key go together",
          "set both sslClientCert(...) and sslClientCertKey(...), or neither");
    }
    properties.forEach((k, v) -> {
      if (k == null || k.isBlank() || v == null) {
        problems.add("kafka.properties." + k, v, "property keys and values must not be empty",
            "remove it or give it a value");
      }
    });
    problems.range("kafka.consumerThreads", consumerThreads, 0, 1000, "consumerThreads(0)");
    problems.range("kafka.maxPollRecords", maxPollRecords, 1, 1_000_000, "maxPollRecords(500)");
    problems.range("kafka.maxAttempts", maxAttempts, 1, Integer.MAX_VALUE, "maxAttempts(5)");
    problems.positive("kafka.retryBackoff", retryBackoff, "retryBackoff(Duration.ofSeconds(1))");
    problems.positive("kafka.maxRetryBackoff", maxRetryBackoff,
        "maxRetryBackoff(Duration.ofSeconds(60))");
    if (retryBackoff != null && maxRetryBackoff != null && retryBackoff.isPositive()
        && maxRetryBackoff.compareTo(retryBackoff) < 0) {
      problems.add("kafka.maxRetryBackoff", maxRetryBackoff, "must not be lower than"
          + " kafka.retryBackoff (" + retryBackoff + ")", "raise it, or lower retryBackoff");
    }
    problems.positive("kafka.shutdownTimeout", shutdownTimeout,
        "shutdownTimeout(Duration.ofSeconds(30))");
    problems.range("kafka.perKeyMaxInFlight", perKeyMaxInFlight, 1, 1_000_000,
        "perKeyMaxInFlight(1000)");
    deadLetterTopic.flatMap(TopicNames::problem).ifPresent(p -> problems.add(
        "kafka.deadLetterTopic", deadLetterTopic.get(), p,
        "use e.g. .deadLetterTopic(\"dead_letters\")"));
    problems.throwIfAny();
    hosts = List.copyOf(hosts);
    properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
  }

  /**
   * @return the kafka-clients properties, values of secret-looking keys (password, jaas, key,
   *     token, secret) as {@code ****}, for printing
   */
  public Map<String, String> maskedProperties() {
    Map<String, String> masked = new LinkedHashMap<>();
    properties.forEach((k, v) -> masked.put(k, SECRET.matcher(k).matches() ? "****" : v));
    return masked;
  }

  /** @return the settings with secret-looking property values (password, jaas, key...) masked */
  @Override
  public String toString() {
    Map<String, String> masked = maskedProperties();
    return "KafkaSettings[hosts=" + hosts + ", sessionTimeout=" + sessionTimeout
        + ", offsetCommitInterval=" + offsetCommitInterval + ", offsetCommitThreshold="
        + offsetCommitThreshold + ", heartbeatInterval=" + heartbeatInterval + ", ssl=" + ssl
        + ", properties=" + masked + ", consumerThreads=" + consumerThreads
        + ", maxPollRecords=" + maxPollRecords + ", retryBackoff=" + retryBackoff
        + ", maxRetryBackoff=" + maxRetryBackoff + ", maxAttempts=" + maxAttempts
        + ", deadLetterTopic=" + deadLetterTopic.orElse("none") + ", shutdownTimeout="
        + shutdownTimeout + ", perKeyMaxInFlight=" + perKeyMaxInFlight + "]";
  }

  /** Builds {@link KafkaSettings}; {@link KarafkaConfig.Builder#kafka} hands one out. */
  public static final class Builder {
    private List<String> hosts = List.of();
    private Duration sessionTimeout = Duration.ofSeconds(30);
    private Duration offsetCommitInterval = Duration.ofSeconds(10);
    private int offsetCommitThreshold = 0;
    private Duration heartbeatInterval = Duration.ofSeconds(10);
    private String caCert;
    private String clientCert;
    private String clientCertKey;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private int consumerThreads;
    private int maxPollRecords = 500;
    private Duration retryBackoff = Duration.ofSeconds(1);
    private Duration maxRetryBackoff = Duration.ofSeconds(60);
    private int maxAttempts = 5;
    private String deadLetterTopic;
    private Duration shutdownTimeout = Duration.ofSeconds(30);
    private int perKeyMaxInFlight = 1_000;

    Builder() {}

    /**
     * Default 0: a virtual thread per partition at work; N: a pool of N platform threads.
     *
     * @return this
     */
    public Builder consumerThreads(int value) {
      this.consumerThreads = value;
      return this;
    }

    /** Default 500. @return this */
    public Builder maxPollRecords(int value) {
      this.maxPollRecords = value;
      return this;
    }

    /** Default 1 s, doubling per attempt. @return this */
    public Builder retryBackoff(Duration value) {
      this.retryBackoff = value;
      return this;
    }

    /** Default 60 s. @return this */
    public Builder maxRetryBackoff(Duration value) {
      this.maxRetryBackoff = value;
      return this;
    }

    /** Default 5. @return this */
    public Builder maxAttempts(int value) {
      this.maxAttempts = value;
      return this;
    }

    /** Default none (retry forever). @return this */
    public Builder deadLetterTopic(String value) {
      this.deadLetterTopic = value;
      return this;
    }

    /** Default 30 s. @return this */
    public Builder shutdownTimeout(Duration value) {
      this.shutdownTimeout = value;
      return this;
    }

    /**
     * Default 1,000: most messages of per-key routes running at once in the process.
     *
     * @return this
     */
    public Builder perKeyMaxInFlight(int value) {
      this.perKeyMaxInFlight = value;
      return this;
    }

    /** Bootstrap brokers, {@code host:port} each. @return this */
    public Builder hosts(String... values) {
      this.hosts = Arrays.asList(values.clone());
      return this;
    }

    /** Default 30 s. @return this */
    public Builder sessionTimeout(Duration value) {
      this.sessionTimeout = value;
      return this;
    }

    /** Default 10 s. @return this */
    public Builder offsetCommitInterval(Duration value) {
      this.offsetCommitInterval = value;
      return this;
    }

    /** Default 0 (commit by interval only). @return this */
    public Builder offsetCommitThreshold(int value) {
      this.offsetCommitThreshold = value;
      return this;
    }

    /** Default 10 s; must be below the session timeout. @return this */
    public Builder heartbeatInterval(Duration value) {
      this.heartbeatInterval = value;
      return this;
    }

    /** CA certificate, PEM text or file path. @return this */
    public Builder sslCaCert(String value) {
      this.caCert = value;
      return this;
    }

    /** Client certificate, PEM text or file path. @return this */
    public Builder sslClientCert(String value) {
      this.clientCert = value;
      return this;
    }

    /** Client certificate's private key, PEM text or file path. @return this */
    public Builder sslClientCertKey(String value) {
      this.clientCertKey = value;
      return this;
    }

    /** Any other kafka-clients property, e.g. {@code sasl.mechanism}. @return this */
    public Builder property(String key, String value) {
      properties.put(key, value);
      return this;
    }

    /**
     * Adds the settings' problems to the app's check, so that one exception lists every problem
     * of the configuration.
     *
     * @return the settings, or null when there was a problem (the caller throws them all)
     */
    KafkaSettings build(ConfigCheck problems) {
      try {
        return new KafkaSettings(hosts, sessionTimeout, offsetCommitInterval,
            offsetCommitThreshold, heartbeatInterval, new SslSettings(Optional.ofNullable(caCert),
                Optional.ofNullable(clientCert), Optional.ofNullable(clientCertKey)), properties,
            consumerThreads, maxPollRecords, retryBackoff, maxRetryBackoff, maxAttempts,
            Optional.ofNullable(deadLetterTopic), shutdownTimeout, perKeyMaxInFlight);
      } catch (ConfigurationException e) {
        e.problems().forEach(p -> problems.add(p.key(), p.value(), p.rule(), p.fix()));
        return null;
      }
    }
  }
}
