package io.karafka.testkit;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real Kafka broker (KRaft, one combined broker/controller node) running inside this JVM, from
 * Kafka's own classes: for integration tests and demos on machines without Docker. Listens on a
 * random localhost port; ready in about two seconds.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
 *   kafka.createTopic("users_create", 4);
 *   String hosts = kafka.bootstrapServers();
 * }
 * }</pre>
 *
 * Thread-safe.
 */
public final class EmbeddedKafka implements AutoCloseable {
  private final KafkaClusterTestKit cluster;
  /** What a client needs besides the bootstrap servers: TLS material, or nothing. */
  private final Map<String, String> clientProperties;

  private EmbeddedKafka(KafkaClusterTestKit cluster, Map<String, String> clientProperties) {
    this.cluster = cluster;
    this.clientProperties = Map.copyOf(clientProperties);
  }

  /** @return a started broker with default settings */
  public static EmbeddedKafka start() {
    return start(Map.of());
  }

  /**
   * @param brokerProperties extra broker settings (e.g. {@code num.partitions})
   * @return a started broker
   * @throws IllegalStateException when the broker cannot start
   */
  public static EmbeddedKafka start(Map<String, String> brokerProperties) {
    return start(brokerProperties, null, null, null);
  }

  /**
   * A broker that speaks only TLS and requires a client certificate signed by {@code tls}'s CA
   * (mutual TLS); its certificate names 127.0.0.1 and localhost.
   *
   * @param tls the CA of the broker's and the clients' certificates
   * @return a started broker; {@link #clientProperties()} holds TLS settings for its own tools
   */
  public static EmbeddedKafka startWithTls(TestCertificates tls) {
    return start(Map.of(), tls, null, null);
  }

  /**
   * A broker that takes only SASL/PLAIN clients (no TLS, as {@code SASL_PLAINTEXT}): the given
   * user, and an internal one the broker uses itself.
   *
   * @param user the user name clients log in with
   * @param password its password
   * @return a started broker; {@link #clientProperties()} log its tools in as that user
   */
  public static EmbeddedKafka startWithSaslPlain(String user, String password) {
    return start(Map.of(), null, user, password);
  }

  /** @return the {@code sasl.jaas.config} value that logs a client in with PLAIN */
  public static String plainLogin(String user, String password) {
    return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
        + user + "\" password=\"" + password + "\";";
  }

  private static EmbeddedKafka start(Map<String, String> brokerProperties,
                                     TestCertificates tls, String saslUser,
                                     String saslPassword) {
    KafkaClusterTestKit cluster = null;
    try {
      TestKitNodes nodes = new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1)
          .setNumControllerNodes(1).build();
      // the test kit builds only PLAINTEXT (or JVM-wide JAAS) listeners: TLS and SASL are set
      // on the broker's listener, and the protocol map switches it over
      String listener = nodes.brokerListenerName().value();
      String prefix = "listener.name." + listener.toLowerCase(java.util.Locale.ROOT) + ".";
      String controller = nodes.controllerListenerName().value() + ":PLAINTEXT";
      Map<String, String> clientProperties = Map.of();
      Map<String, String> securityProperties = Map.of();
      if (tls != null) {
        TestCertificates.Issued broker = tls.issue("broker", "IP:127.0.0.1", "DNS:localhost");
        TestCertificates.Issued tools = tls.issue("embedded-kafka-tools");
        String ca = pem(tls.caCert());
        securityProperties = Map.of(
            "listener.security.protocol.map", listener + ":SSL," + controller,
            prefix + "ssl.keystore.type", "PEM",
            prefix + "ssl.keystore.certificate.chain", pem(broker.cert()),
            prefix + "ssl.keystore.key", pem(broker.key()),
            prefix + "ssl.truststore.type", "PEM",
            prefix + "ssl.truststore.certificates", ca,
            prefix + "ssl.client.auth", "required");
        clientProperties = Map.of(
            "security.protocol", "SSL",
            "ssl.keystore.type", "PEM",
            "ssl.keystore.certificate.chain", pem(tools.cert()),
            "ssl.keystore.key", pem(tools.key()),
            "ssl.truststore.type", "PEM",
            "ssl.truststore.certificates", ca);
      }
      if (saslUser != null) {
        String internal = "karafka-embedded-broker";
        String login = plainLogin(internal, internal);
        securityProperties = Map.of(
            "listener.security.protocol.map", listener + ":SASL_PLAINTEXT," + controller,
            "sasl.enabled.mechanisms", "PLAIN",
            "sasl.mechanism.inter.broker.protocol", "PLAIN",
            prefix + "plain.sasl.jaas.config", login.substring(0, login.length() - 1)
                + " user_" + internal + "=\"" + internal + "\" user_" + saslUser + "=\""
                + saslPassword + "\";");
        clientProperties = Map.of(
            "security.protocol", "SASL_PLAINTEXT",
            "sasl.mechanism", "PLAIN",
            "sasl.jaas.config", plainLogin(saslUser, saslPassword));
      }
      KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
      builder.setConfigProp("auto.create.topics.enable", "true");
      builder.setConfigProp("offsets.topic.replication.factor", "1");
      builder.setConfigProp("transaction.state.log.replication.factor", "1");
      builder.setConfigProp("transaction.state.log.min.isr", "1");
      builder.setConfigProp("group.initial.rebalance.delay.ms", "0");
      // the consumer protocol (KIP-848): members learn of a new assignment at their next
      // heartbeat, 5 s apart by default; 1 s here, as tests set for the classic protocol
      builder.setConfigProp("group.consumer.heartbeat.interval.ms", "1000");
      builder.setConfigProp("group.consumer.min.heartbeat.interval.ms", "1000");
      brokerProperties.forEach(builder::setConfigProp);
      securityProperties.forEach(builder::setConfigProp);
      cluster = builder.build();
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
      return new EmbeddedKafka(cluster, clientProperties);
    } catch (Exception e) {
      if (cluster != null) {
        try {
          cluster.close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("the embedded Kafka broker did not start: " + e, e);
    }
  }

  /**
   * @return what a kafka-clients client needs besides {@link #bootstrapServers()}: for a TLS
   *     broker, {@code security.protocol=SSL} and a client certificate of the test CA; else empty
   */
  public Map<String, String> clientProperties() {
    return clientProperties;
  }

  private static String pem(java.nio.file.Path file) throws java.io.IOException {
    return java.nio.file.Files.readString(file);
  }

  /** @return {@code host:port} of the broker, for {@code kafka.hosts} */
  public String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  /**
   * @return the topic's id (what tells one incarnation of a topic name from another), empty
   *     while no topic of that name exists
   */
  public java.util.Optional<String> topicId(String topic) {
    Properties props = new Properties();
    props.putAll(clientProperties);
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    try (Admin admin = Admin.create(props)) {
      return java.util.Optional.of(admin.describeTopics(List.of(topic)).allTopicNames()
          .get(30, TimeUnit.SECONDS).get(topic).topicId().toString());
    } catch (ExecutionException e) {
      if (e.getCause()
          instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException) {
        return java.util.Optional.empty();
      }
      throw new IllegalStateException("could not describe topic " + topic + ": " + e.getCause(),
          e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while describing topic " + topic, e);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("could not describe topic " + topic + ": " + e, e);
    }
  }

  /** Creates a topic unless it exists, and waits until it is ready. */
  public void createTopic(String name, int partitions) {
    createTopics(Map.of(name, partitions));
  }

  /** Creates topics (name → partitions) unless they exist, and waits until they are ready. */
  public void createTopics(Map<String, Integer> topics) {
    Properties props = new Properties();
    props.putAll(clientProperties);
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    try (Admin admin = Admin.create(props)) {
      List<NewTopic> newTopics = topics.entrySet().stream()
          .map(e -> new NewTopic(e.getKey(), e.getValue(), (short) 1)).toList();
      try {
        admin.createTopics(newTopics).all().get(30, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new IllegalStateException("could not create topics " + topics.keySet() + ": "
              + e.getCause(), e.getCause());
        }
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!ready(admin, topics.keySet())) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("topics " + topics.keySet() + " have no leader");
        }
        Thread.sleep(20);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("could not create topics " + topics.keySet() + ": " + e, e);
    }
  }

  /**
   * Stops the broker side of the node (the data stays), as a broker outage; clients see
   * connection errors until {@link #startBroker()}.
   */
  public void stopBroker() {
    cluster.brokers().values().forEach(broker -> {
      broker.shutdown();
      broker.awaitShutdown();
    });
  }

  /** Starts the broker stopped by {@link #stopBroker()} again, on the same port and data. */
  public void startBroker() {
    cluster.brokers().values().forEach(kafka.server.BrokerServer::startup);
    try {
      cluster.waitForReadyBrokers();
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("the embedded Kafka broker did not come back: " + e, e);
    }
  }

  /**
   * @return whether every partition of the topics has a leader that serves requests. The
   *     broker publishes a new topic to its metadata cache before its replica manager takes the
   *     partitions, so a leader in {@code describeTopics} is not enough: a producer that writes
   *     in that window gets NOT_LEADER_OR_FOLLOWER for its first request while a later one lands,
   *     and the idempotent producer then spins on OUT_OF_ORDER_SEQUENCE_NUMBER until its
   *     delivery timeout drops the records (KAFKA-15591). ListOffsets is answered by the replica
   *     manager, so its success means the partitions take writes.
   */
  private static boolean ready(Admin admin, java.util.Set<String> names)
      throws InterruptedException, java.util.concurrent.TimeoutException {
    try {
      Map<String, org.apache.kafka.clients.admin.TopicDescription> described =
          admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
      Map<org.apache.kafka.common.TopicPartition, OffsetSpec> partitions = new HashMap<>();
      for (var d : described.values()) {
        for (var p : d.partitions()) {
          if (p.leader() == null || p.leader().isEmpty()) {
            return false;
          }
          partitions.put(new org.apache.kafka.common.TopicPartition(d.name(), p.partition()),
              OffsetSpec.latest());
        }
      }
      admin.listOffsets(partitions, new ListOffsetsOptions().timeoutMs(5_000)).all()
          .get(30, TimeUnit.SECONDS);
      return true;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RetriableException
          || e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
        return false;
      }
      throw new IllegalStateException("could not describe topics " + names + ": " + e.getCause(),
          e.getCause());
    }
  }

  /** Stops the broker and deletes its data. */
  @Override
  public void close() {
    try {
      cluster.close();
    } catch (Exception e) {
      throw new IllegalStateException("the embedded Kafka broker did not stop cleanly: " + e, e);
    }
  }
}
