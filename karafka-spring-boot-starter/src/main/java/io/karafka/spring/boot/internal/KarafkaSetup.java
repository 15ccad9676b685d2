package io.karafka.spring.boot.internal;

import io.karafka.app.ConfigProblem;
import io.karafka.app.ConfigurationException;
import io.karafka.app.Environment;
import io.karafka.app.KarafkaConfig;
import io.karafka.app.KafkaSettings;
import io.karafka.spring.boot.KarafkaProperties;
import io.karafka.topic.TopicMapper;
import java.util.List;
import java.util.function.Consumer;

/**
 * Hands the {@code karafka.*} properties that are set to the framework's config builder, which
 * keeps its defaults for the rest and validates everything at once.
 */
public final class KarafkaSetup {
  private KarafkaSetup() {}

  /**
   * @param properties the bound {@code karafka.*} properties
   * @param applicationName {@code spring.application.name}, the name when {@code karafka.name}
   *     is not set; may be null
   * @param config the builder to set
   */
  public static void apply(KarafkaProperties properties, String applicationName,
                           KarafkaConfig.Builder config) {
    config.name(properties.name() != null ? properties.name() : applicationName);
    set(properties.environment(), v -> config.environment(new Environment(v)));
    set(properties.inlineMode(), config::inlineMode);
    set(properties.batchMode(), config::batchMode);
    set(properties.startFromBeginning(), config::startFromBeginning);
    if (properties.topicPrefix() != null) {
      if (properties.topicPrefix().isBlank()) {
        throw new ConfigurationException(List.of(new ConfigProblem("topicPrefix",
            properties.topicPrefix(), "must not be blank", "leave it out for topics without a"
                + " prefix, or set e.g. karafka.topic-prefix: acme")));
      }
      config.topicMapper(TopicMapper.prefix(properties.topicPrefix()));
    }
    set(properties.monitor().reminderInterval(), config::reminderInterval);
    set(properties.health().port(), config::healthPort);
    config.kafka(kafka -> kafka(properties.kafka(), kafka));
    KarafkaProperties.ConnectionPool pool = properties.connectionPool();
    config.connectionPool(p -> {
      set(pool.size(), p::size);
      set(pool.timeout(), p::timeout);
    });
    KarafkaProperties.Jobs jobs = properties.jobs();
    config.jobs(j -> {
      set(jobs.concurrency(), j::concurrency);
      set(jobs.virtualThreads(), j::virtualThreads);
      set(jobs.queues(), v -> j.queues(v.toArray(String[]::new)));
      set(jobs.retry(), j::retry);
      set(jobs.timeout(), j::timeout);
      set(jobs.shutdownTimeout(), j::shutdownTimeout);
      set(jobs.pollInterval(), j::pollInterval);
      set(jobs.deadMaxJobs(), j::deadMaxJobs);
      set(jobs.deadTimeout(), j::deadTimeout);
      set(jobs.prefetch(), j::prefetch);
    });
  }

  private static void kafka(KarafkaProperties.Kafka kafka, KafkaSettings.Builder k) {
    set(kafka.hosts(), v -> k.hosts(v.toArray(String[]::new)));
    set(kafka.sessionTimeout(), k::sessionTimeout);
    set(kafka.offsetCommitInterval(), k::offsetCommitInterval);
    set(kafka.offsetCommitThreshold(), k::offsetCommitThreshold);
    set(kafka.heartbeatInterval(), k::heartbeatInterval);
    set(kafka.consumerThreads(), k::consumerThreads);
    set(kafka.maxPollRecords(), k::maxPollRecords);
    set(kafka.retryBackoff(), k::retryBackoff);
    set(kafka.maxRetryBackoff(), k::maxRetryBackoff);
    set(kafka.maxAttempts(), k::maxAttempts);
    set(kafka.deadLetterTopic(), k::deadLetterTopic);
    set(kafka.shutdownTimeout(), k::shutdownTimeout);
    set(kafka.perKeyMaxInFlight(), k::perKeyMaxInFlight);
    set(kafka.ssl().caCert(), k::sslCaCert);
    set(kafka.ssl().clientCert(), k::sslClientCert);
    set(kafka.ssl().clientCertKey(), k::sslClientCertKey);
    if (kafka.properties() != null) {
      kafka.properties().forEach(k::property);
    }
  }

  private static <T> void set(T value, Consumer<T> setter) {
    if (value != null) {
      setter.accept(value);
    }
  }
}
