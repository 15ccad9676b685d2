package io.karafka.kafka;

import io.karafka.app.ConfigProblem;
import io.karafka.app.ConfigurationException;
import io.karafka.app.KafkaSettings;
import io.karafka.app.SslSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Turns the app's {@link KafkaSettings} into kafka-clients properties: hosts, timeouts, SSL (PEM
 * text or files), then every property set with {@code kafka.property(key, value)}, which wins.
 */
public final class KafkaClientProperties {
  private KafkaClientProperties() {}

  /**
   * @return properties for a consumer of a group
   * @throws ConfigurationException when hosts are missing, SSL files unreadable, or auto commit
   *     is asked for
   */
  public static Map<String, Object> consumer(KafkaSettings kafka, String clientId, String group,
                                             boolean startFromBeginning) {
    Map<String, Object> props = common(kafka, clientId);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, startFromBeginning ? "earliest" : "latest");
    if (consumerProtocol(kafka)) {
      // KIP-848: the broker assigns partitions and sets the session timeout and heartbeat
      // interval (group.consumer.* on the broker); the consumer may not set them
    } else {
      props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
          (int) kafka.sessionTimeout().toMillis());
      props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
          (int) kafka.heartbeatInterval().toMillis());
    }
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, kafka.maxPollRecords());
    // A partition paused while its queue is full is fetched again only once the fetch in flight
    // returns; Kafka's 500 ms long poll would stall it that long at the end of the other
    // partitions' logs.
    props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.putAll(kafka.properties());
    Object autoCommit = props.get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG);
    if (autoCommit != null && Boolean.parseBoolean(autoCommit.toString())) {
      throw new ConfigurationException(List.of(new ConfigProblem(
          "kafka.properties.enable.auto.commit", autoCommit.toString(), "Karafka commits only"
          + " handled messages itself; auto commit would commit messages not yet handled",
          "remove the property (offsetCommitInterval and offsetCommitThreshold set how often"
          + " Karafka commits)")));
    }
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return props;
  }

  /**
   * @return whether the app asks for Kafka 4's consumer group protocol
   *     ({@code kafka.property("group.protocol", "consumer")})
   */
  static boolean consumerProtocol(KafkaSettings kafka) {
    return "consumer".equalsIgnoreCase(kafka.properties()
        .getOrDefault(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic").trim());
  }

  /** @return properties for an idempotent producer */
  public static Map<String, Object> producer(KafkaSettings kafka, String clientId) {
    Map<String, Object> props = common(kafka, clientId);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    props.putAll(kafka.properties());
    return props;
  }

  /**
   * @return properties for an admin client on the consumers' cluster (hosts, TLS, and those of
   *     {@code kafka.property(key, value)} an admin client knows, e.g. SASL)
   */
  public static Map<String, Object> admin(KafkaSettings kafka, String clientId) {
    Map<String, Object> props = common(kafka, clientId);
    kafka.properties().forEach((key, value) -> {
      if (AdminClientConfig.configNames().contains(key)) {
        props.put(key, value);
      }
    });
    return props;
  }

  private static Map<String, Object> common(KafkaSettings kafka, String clientId) {
    if (kafka.hosts().isEmpty()) {
      throw new ConfigurationException(List.of(new ConfigProblem("kafka.hosts", "[]",
          "the Kafka adapter needs at least one broker (the rest of the cluster is discovered)",
          "set e.g. .kafka(k -> k.hosts(\"127.0.0.1:9092\"))")));
    }
    Map<String, Object> props = new HashMap<>();
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.hosts()));
    props.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
    SslSettings ssl = kafka.ssl();
    if (ssl.enabled()) {
      props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SSL");
      ssl.caCert().ifPresent(ca -> {
        props.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
        props.put(SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG, pem("kafka.ssl.caCert", ca));
      });
      if (ssl.clientCert().isPresent()) {
        props.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "PEM");
        props.put(SslConfigs.SSL_KEYSTORE_CERTIFICATE_CHAIN_CONFIG,
            pem("kafka.ssl.clientCert", ssl.clientCert().get()));
        props.put(SslConfigs.SSL_KEYSTORE_KEY_CONFIG,
            pem("kafka.ssl.clientCertKey", ssl.clientCertKey().orElseThrow()));
      }
    }
    return props;
  }

  /** @return PEM text as given, or the content of the file it names */
  static String pem(String key, String value) {
    if (value.strip().startsWith("-----BEGIN")) {
      return value;
    }
    Path file = Path.of(value);
    try {
      String text = Files.readString(file);
      if (!text.contains("-----BEGIN")) {
        throw new ConfigurationException(List.of(new ConfigProblem(key, value, "the file holds"
            + " no PEM block (-----BEGIN ...)", "point it at a PEM file, or give the PEM text")));
      }
      return text;
    } catch (IOException e) {
      throw new ConfigurationException(new ConfigProblem(key, value, "is neither PEM text nor a"
          + " readable file (" + e.getClass().getSimpleName() + ")", "give the PEM text"
          + " (-----BEGIN ...) or the path of a readable PEM file"), e);
    }
  }
}
