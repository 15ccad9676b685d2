package io.karafka.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link KarafkaServices} from local processes: each service answers for real. The container
 * path is {@link ContainerServicesIT}.
 */
class KarafkaServicesIT {
  /** Asks each service something only a real server answers. */
  static void everyServiceAnswers(KarafkaServices services) throws Exception {
    Properties admin = new Properties();
    admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, services.kafkaBootstrap());
    try (Admin kafka = Admin.create(admin)) {
      kafka.createTopics(java.util.List.of(new NewTopic("services-check", 2, (short) 1))).all()
          .get();
      assertTrue(kafka.listTopics().names().get().contains("services-check"));
    }
    URI redis = URI.create(services.redisUrl());
    try (Socket socket = new Socket(redis.getHost(), redis.getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      assertEquals("+PONG", new String(in.readNBytes(5), StandardCharsets.US_ASCII));
    }
    KarafkaServices.Database db = services.postgres();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         ResultSet rs = c.createStatement().executeQuery("SELECT 40 + 2")) {
      assertTrue(rs.next());
      assertEquals(42, rs.getInt(1));
    }
  }

  @RegisterExtension
  static final KarafkaServices LOCAL = KarafkaServices.local();

  @Test
  void localProcessesAnswerAsKafkaRedisAndPostgres() throws Exception {
    assertEquals(KarafkaServices.Source.LOCAL, LOCAL.source());
    everyServiceAnswers(LOCAL);
  }

  @Test
  void withoutADockerEngineTheChoiceIsLocalAndSaysWhy() {
    KarafkaServices chosen = KarafkaServices.containersOrLocal();
    if (chosen.source() == KarafkaServices.Source.LOCAL) {
      assertTrue(chosen.reason().startsWith("no Docker engine reachable")
          || chosen.reason().startsWith("Testcontainers is not on the test class path"),
          chosen.reason());
    } else {
      assertEquals("a Docker engine answered", chosen.reason());
    }
  }
}
