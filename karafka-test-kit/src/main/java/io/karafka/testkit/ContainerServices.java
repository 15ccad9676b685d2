package io.karafka.testkit;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * {@link KarafkaServices} on Testcontainers: Apache Kafka (KRaft), Redis and PostgreSQL
 * containers, each started on first use. Loaded only when Testcontainers is on the class path.
 */
final class ContainerServices implements KarafkaServices.Services {
  static final String KAFKA_IMAGE = "apache/kafka-native:4.1.0";
  static final String REDIS_IMAGE = "redis:7.4-alpine";
  static final String POSTGRES_IMAGE = "postgres:17-alpine";
  private KafkaContainer kafka;
  private GenericContainer<?> redis;
  private PostgreSQLContainer postgres;

  /** @return null when a Docker engine answers; else why not */
  static String whyNot() {
    try {
      return DockerClientFactory.instance().isDockerAvailable() ? null
          : "no Docker engine reachable (Testcontainers found none: set DOCKER_HOST or start one)";
    } catch (RuntimeException | LinkageError e) {
      return "no Docker engine reachable: " + e;
    }
  }

  @Override
  public synchronized String kafkaBootstrap() {
    if (kafka == null) {
      kafka = new KafkaContainer(DockerImageName.parse(KAFKA_IMAGE));
      kafka.start();
    }
    return kafka.getBootstrapServers();
  }

  @Override
  public synchronized String redisUrl() {
    if (redis == null) {
      redis = new GenericContainer<>(DockerImageName.parse(REDIS_IMAGE)).withExposedPorts(6379);
      redis.start();
    }
    return "redis://" + redis.getHost() + ":" + redis.getMappedPort(6379) + "/0";
  }

  @Override
  public synchronized KarafkaServices.Database postgres() {
    if (postgres == null) {
      postgres = new PostgreSQLContainer(DockerImageName.parse(POSTGRES_IMAGE));
      postgres.start();
    }
    return new KarafkaServices.Database(postgres.getJdbcUrl(), postgres.getUsername(),
        postgres.getPassword());
  }

  @Override
  public synchronized void close() {
    for (GenericContainer<?> c : new GenericContainer<?>[] {kafka, redis, postgres}) {
      if (c != null) {
        c.stop();
      }
    }
  }
}
