package io.karafka.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link KarafkaServices} from Testcontainers: Kafka, Redis and PostgreSQL containers answer for
 * real where a Docker engine runs; elsewhere (our CI machines have none) the test is skipped
 * with the reason.
 */
class ContainerServicesIT {
  @RegisterExtension
  static final KarafkaServices CONTAINERS = KarafkaServices.containers();

  @Test
  void kafkaRedisAndPostgresAnswerFromContainers() throws Exception {
    assertEquals(KarafkaServices.Source.CONTAINERS, CONTAINERS.source());
    KarafkaServicesIT.everyServiceAnswers(CONTAINERS);
  }
}
