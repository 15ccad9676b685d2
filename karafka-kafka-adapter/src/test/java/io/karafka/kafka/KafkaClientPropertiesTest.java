package io.karafka.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.app.ConfigurationException;
import io.karafka.app.KafkaSettings;
import io.karafka.app.KarafkaConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientPropertiesTest {
  static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

  static KafkaSettings kafka(Consumer<KafkaSettings.Builder> block) {
    return KarafkaConfig.builder().name("app").kafka(block).build().kafka();
  }

  @Test
  void consumerPropertiesFollowTheSettings() {
    Map<String, Object> p = KafkaClientProperties.consumer(kafka(k -> k
        .hosts("a:9092", "b:9093").sessionTimeout(Duration.ofSeconds(12))
        .heartbeatInterval(Duration.ofSeconds(3)).maxPollRecords(42)
        .property("max.poll.interval.ms", "60000")), "app-g", "g", true);
    assertEquals("a:9092,b:9093", p.get("bootstrap.servers"));
    assertEquals("g", p.get("group.id"));
    assertEquals(12000, p.get("session.timeout.ms"));
    assertEquals(3000, p.get("heartbeat.interval.ms"));
    assertEquals(42, p.get("max.poll.records"));
    assertEquals("earliest", p.get("auto.offset.reset"));
    assertEquals(false, p.get("enable.auto.commit"));
    assertEquals("60000", p.get("max.poll.interval.ms"));
    assertEquals("latest", KafkaClientProperties.consumer(kafka(k -> k.hosts("a:1")), "c", "g",
        false).get("auto.offset.reset"));
  }

  @Test
  void autoCommitIsRefusedWithTheReason() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> KafkaClientProperties.consumer(kafka(k -> k.hosts("a:1")
            .property("enable.auto.commit", "true")), "c", "g", true));
    assertEquals("Invalid Karafka configuration: kafka.properties.enable.auto.commit = 'true':"
        + " Karafka commits only handled messages itself; auto commit would commit messages not"
        + " yet handled. Fix: remove the property (offsetCommitInterval and"
        + " offsetCommitThreshold set how often Karafka commits)", e.getMessage());
  }

  @Test
  void theAdapterNeedsAHost() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> KafkaClientProperties.producer(kafka(k -> { }), "p"));
    assertEquals("Invalid Karafka configuration: kafka.hosts = '[]': the Kafka adapter needs at"
        + " least one broker (the rest of the cluster is discovered). Fix: set e.g."
        + " .kafka(k -> k.hosts(\"127.0.0.1:9092\"))", e.getMessage());
  }

  @Test
  void producersAreIdempotentAndAcknowledgedByAll() {
    Map<String, Object> p = KafkaClientProperties.producer(kafka(k -> k.hosts("a:1")), "p");
    assertEquals(true, p.get("enable.idempotence"));
    assertEquals("all", p.get("acks"));
  }

  @Test
  void sslTakesPemTextOrFiles(@TempDir Path dir) throws Exception {
    Path key = dir.resolve("client.key");
    Files.writeString(key, "-----BEGIN PRIVATE KEY-----\nAAA\n-----END PRIVATE KEY-----\n");
    Map<String, Object> p = KafkaClientProperties.consumer(kafka(k -> k.hosts("a:1")
        .sslCaCert(PEM).sslClientCert(PEM).sslClientCertKey(key.toString())), "c", "g", true);
    assertEquals("SSL", p.get("security.protocol"));
    assertEquals("PEM", p.get("ssl.truststore.type"));
    assertEquals(PEM, p.get("ssl.truststore.certificates"));
    assertEquals(PEM, p.get("ssl.keystore.certificate.chain"));
    assertTrue(p.get("ssl.keystore.key").toString().startsWith("-----BEGIN PRIVATE KEY"));
    Map<String, Object> sasl = KafkaClientProperties.consumer(kafka(k -> k.hosts("a:1")
        .sslCaCert(PEM).property("security.protocol", "SASL_SSL")
        .property("sasl.mechanism", "PLAIN")), "c", "g", true);
    assertEquals("SASL_SSL", sasl.get("security.protocol"));
    assertEquals("PLAIN", sasl.get("sasl.mechanism"));
    assertFalse(KafkaClientProperties.consumer(kafka(k -> k.hosts("a:1")), "c", "g", true)
        .containsKey("security.protocol"));
  }

  @Test
  void anUnreadableCertificateFileIsNamed(@TempDir Path dir) throws Exception {
    String missing = dir.resolve("missing.pem").toString();
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> KafkaClientProperties.consumer(kafka(k -> k.hosts("a:1").sslCaCert(missing)),
            "c", "g", true));
    assertEquals("Invalid Karafka configuration: kafka.ssl.caCert = '" + missing + "': is"
        + " neither PEM text nor a readable file (NoSuchFileException). Fix: give the PEM text"
        + " (-----BEGIN ...) or the path of a readable PEM file", e.getMessage());
    Path notPem = dir.resolve("not.pem");
    Files.writeString(notPem, "hello");
    ConfigurationException e2 = assertThrows(ConfigurationException.class,
        () -> KafkaClientProperties.consumer(kafka(k -> k.hosts("a:1")
            .sslCaCert(notPem.toString())), "c", "g", true));
    assertEquals("Invalid Karafka configuration: kafka.ssl.caCert = '" + notPem + "': the file"
        + " holds no PEM block (-----BEGIN ...). Fix: point it at a PEM file, or give the PEM"
        + " text", e2.getMessage());
  }
}
