package io.karafka.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class SecretsAreMaskedTest {
  @Test
  void secretLookingKafkaPropertiesAndTheSslKeyAreMaskedInToString() {
    KafkaSettings kafka = KarafkaConfig.builder().name("app")
        .kafka(k -> k.hosts("127.0.0.1:9092")
            .property("sasl.jaas.config", "user=\"u\" password=\"hunter2\"")
            .property("ssl.key.password", "hunter2")
            .property("sasl.mechanism", "PLAIN")
            .sslClientCert("CERT").sslClientCertKey("PRIVATE"))
        .build().kafka();
    String text = kafka.toString();
    assertFalse(text.contains("hunter2"), text);
    assertFalse(text.contains("PRIVATE"), text);
    assertEquals(true, text.contains("sasl.mechanism=PLAIN"), text);
    assertEquals(true, text.contains("sasl.jaas.config=****"), text);
  }

  @Test
  void aFailedBuildLeavesTheBuilderAsItWas() {
    KarafkaConfig.Builder builder = KarafkaConfig.builder().name("app").jobs(j -> j.queues());
    for (int attempt = 0; attempt < 2; attempt++) {
      ConfigurationException e = org.junit.jupiter.api.Assertions.assertThrows(
          ConfigurationException.class, builder::build);
      assertEquals("jobs.queues", e.problems().getFirst().key());
    }
  }
}
