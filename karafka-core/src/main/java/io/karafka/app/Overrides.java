package io.karafka.app;

import io.karafka.app.internal.ConfigCheck;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.BiConsumer;

/**
 * Settings that override what {@code setup} set in code, per environment and per process
 * (twelve-factor). Precedence, lowest first: code, then {@code config/karafka-<env>.properties}
 * (when present), then environment variables {@code KARAFKA_<KEY>} (the key upper-cased, dots
 * as underscores: {@code kafka.hosts} → {@code KARAFKA_KAFKA_HOSTS}).
 *
 * <p>Keys (durations in seconds, lists comma-separated): {@code name}, {@code inline_mode},
 * {@code batch_mode}, {@code start_from_beginning}, {@code monitor.reminder_interval},
 * {@code health.port}, {@code kafka.hosts},
 * {@code kafka.session_timeout}, {@code kafka.offset_commit_interval},
 * {@code kafka.offset_commit_threshold}, {@code kafka.heartbeat_interval},
 * {@code kafka.ssl.ca_cert}, {@code kafka.ssl.client_cert}, {@code kafka.ssl.client_cert_key},
 * {@code kafka.dead_letter_topic}, {@code kafka.max_attempts},
 * {@code kafka.per_key_max_in_flight}, {@code connection_pool.size},
 * {@code connection_pool.timeout}, {@code jobs.concurrency}, {@code jobs.queues},
 * {@code jobs.retry}, {@code jobs.timeout}; and, in the file only, {@code kafka.property.<name>}
 * for any kafka-clients property. An unknown key or a bad value fails the build, naming its
 * source.
 *
 * <pre>{@code
 * KarafkaApp.builder().setup(config -> config.name("shop").overrides(Overrides.standard()))
 * }</pre>
 */
public final class Overrides {
  /** The settings a key names, in the order they are documented; unmodifiable. */
  private static final Map<String, BiConsumer<KarafkaConfig.Builder, String>> KEYS = keys();

  private static Map<String, BiConsumer<KarafkaConfig.Builder, String>> keys() {
    Map<String, BiConsumer<KarafkaConfig.Builder, String>> keys = new LinkedHashMap<>();
    keys.put("name", KarafkaConfig.Builder::name);
    keys.put("inline_mode", (b, v) -> b.inlineMode(bool(v)));
    keys.put("batch_mode", (b, v) -> b.batchMode(bool(v)));
    keys.put("start_from_beginning", (b, v) -> b.startFromBeginning(bool(v)));
    keys.put("monitor.reminder_interval",
        (b, v) -> b.reminderInterval(seconds(v)));
    keys.put("health.port", (b, v) -> b.healthPort(integer(v)));
    keys.put("kafka.hosts", (b, v) -> b.kafka(k -> k.hosts(list(v))));
    keys.put("kafka.session_timeout", (b, v) -> b.kafka(k -> k.sessionTimeout(seconds(v))));
    keys.put("kafka.offset_commit_interval",
        (b, v) -> b.kafka(k -> k.offsetCommitInterval(seconds(v))));
    keys.put("kafka.offset_commit_threshold",
        (b, v) -> b.kafka(k -> k.offsetCommitThreshold(integer(v))));
    keys.put("kafka.heartbeat_interval", (b, v) -> b.kafka(k -> k.heartbeatInterval(seconds(v))));
    keys.put("kafka.ssl.ca_cert", (b, v) -> b.kafka(k -> k.sslCaCert(v)));
    keys.put("kafka.ssl.client_cert", (b, v) -> b.kafka(k -> k.sslClientCert(v)));
    keys.put("kafka.ssl.client_cert_key", (b, v) -> b.kafka(k -> k.sslClientCertKey(v)));
    keys.put("kafka.dead_letter_topic", (b, v) -> b.kafka(k -> k.deadLetterTopic(v)));
    keys.put("kafka.max_attempts", (b, v) -> b.kafka(k -> k.maxAttempts(integer(v))));
    keys.put("kafka.per_key_max_in_flight",
        (b, v) -> b.kafka(k -> k.perKeyMaxInFlight(integer(v))));
    keys.put("connection_pool.size", (b, v) -> b.connectionPool(p -> p.size(integer(v))));
    keys.put("connection_pool.timeout", (b, v) -> b.connectionPool(p -> p.timeout(seconds(v))));
    keys.put("jobs.concurrency", (b, v) -> b.jobs(j -> j.concurrency(integer(v))));
    keys.put("jobs.queues", (b, v) -> b.jobs(j -> j.queues(list(v))));
    keys.put("jobs.retry", (b, v) -> b.jobs(j -> j.retry(integer(v))));
    keys.put("jobs.timeout", (b, v) -> b.jobs(j -> j.timeout(seconds(v))));
    return Collections.unmodifiableMap(keys);
  }

  /** Variables Karafka itself uses, which are not settings. */
  private static final java.util.Set<String> RESERVED = java.util.Set.of(Environment.VARIABLE,
      "KARAFKA_BOOT_FILE", "KARAFKA_PID_FILE");

  private final List<Entry> entries;

  private Overrides(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** @return no overrides */
  public static Overrides none() {
    return new Overrides(List.of());
  }

  /**
   * @return {@code config/karafka-<KARAFKA_ENV>.properties} under the working directory (when
   *     present), then this process's {@code KARAFKA_*} environment variables
   */
  public static Overrides standard() {
    return of(Path.of("config"), System.getenv());
  }

  /**
   * @param configDirectory where {@code karafka-<env>.properties} files live
   * @param variables environment variables ({@code KARAFKA_ENV} picks the file)
   * @return overrides from that file (if it exists), then from the variables
   * @throws ConfigurationException when the file cannot be read
   */
  public static Overrides of(Path configDirectory, Map<String, String> variables) {
    Environment env = Environment.from(variables);
    Path file = configDirectory.resolve("karafka-" + env.name() + ".properties");
    List<Entry> entries = new ArrayList<>();
    if (Files.isRegularFile(file)) {
      Properties properties = new Properties();
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        properties.load(reader);
      } catch (IOException e) {
        throw new ConfigurationException(new ConfigProblem("overrides", file.toString(),
            "cannot be read (" + e + ")", "fix the file's permissions or remove it"), e);
      }
      properties.stringPropertyNames().stream().sorted().forEach(key -> entries.add(
          new Entry(key, properties.getProperty(key).trim(), file.getFileName() + " ")));
    }
    variables.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      String name = e.getKey();
      if (name.startsWith("KARAFKA_") && !RESERVED.contains(name)) {
        entries.add(new Entry(keyOf(name), e.getValue().trim(), "environment variable "
            + name + " "));
      }
    });
    return new Overrides(entries);
  }

  /** @return the settings in the order they apply, as "key = value (source)" */
  public List<String> describe() {
    return entries.stream().map(e -> e.key() + " (" + e.source().strip() + ")").toList();
  }

  void applyTo(KarafkaConfig.Builder builder, ConfigCheck problems) {
    for (Entry e : entries) {
      BiConsumer<KarafkaConfig.Builder, String> setter = KEYS.get(e.key());
      if (e.key().startsWith("kafka.property.") && e.source().endsWith(".properties ")) {
        builder.kafka(k -> k.property(e.key().substring("kafka.property.".length()), e.value()));
      } else if (setter == null) {
        problems.add(e.key(), e.value(), "is not a setting (from " + e.source().strip() + ")",
            "use one of " + String.join(", ", KEYS.keySet()));
      } else {
        try {
          setter.accept(builder, e.value());
        } catch (IllegalArgumentException bad) {
          problems.add(e.key(), e.value(), bad.getMessage() + " (from " + e.source().strip()
              + ")", "correct the value");
        }
      }
    }
  }

  private static String keyOf(String variable) {
    String rest = variable.substring("KARAFKA_".length()).toLowerCase(java.util.Locale.ROOT);
    for (String key : KEYS.keySet()) {
      if (key.replace('.', '_').equals(rest)) {
        return key;
      }
    }
    return rest;
  }

  private static boolean bool(String value) {
    return switch (value.toLowerCase(java.util.Locale.ROOT)) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> throw new IllegalArgumentException("must be true or false");
    };
  }

  private static int integer(String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("must be a whole number");
    }
  }

  private static Duration seconds(String value) {
    try {
      return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("must be a number of seconds");
    }
  }

  private static String[] list(String value) {
    return java.util.Arrays.stream(value.split(",")).map(String::trim)
        .filter(s -> !s.isEmpty()).toArray(String[]::new);
  }

  private record Entry(String key, String value, String source) {
    Entry {
      Objects.requireNonNull(key, "key");
    }
  }
}
