package io.karafka.queue.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.app.JobSettings;
import io.karafka.app.KarafkaConfig;
import io.karafka.job.Job;
import io.karafka.job.JobStoreUnavailableException;
import io.karafka.job.Lease;
import io.karafka.job.Worker;
import io.karafka.testkit.LocalRedis;
import io.karafka.testkit.MutableClock;
import io.karafka.testkit.TestCertificates;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code rediss://} against a real redis-server speaking only TLS, with an ACL user and a
 * database number in the URL, and a private CA (certificates made by openssl for the test).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // the servers serve every test of the class
class RedisTlsIT {
  private TestCertificates certs;
  private LocalRedis redis;
  /** A second server whose certificate names another host than 127.0.0.1. */
  private LocalRedis misnamed;

  @BeforeAll
  void startTlsServers() throws Exception {
    certs = TestCertificates.create();
    TestCertificates.Issued server = certs.issue("server", "IP:127.0.0.1");
    TestCertificates.Issued elsewhere = certs.issue("elsewhere", "DNS:redis.elsewhere.example");
    redis = LocalRedis.startTls(server.cert(), server.key());
    misnamed = LocalRedis.startTls(elsewhere.cert(), elsewhere.key());
  }

  @AfterAll
  void stopTlsServers() throws Exception {
    if (redis != null) {
      redis.close();
    }
    if (misnamed != null) {
      misnamed.close();
    }
  }

  private static String url(LocalRedis server, String credentials, int database) {
    return "rediss://" + credentials + "127.0.0.1:" + server.port() + "/" + database;
  }

  private static JobSettings jobs() {
    return KarafkaConfig.builder().name("tls").build().jobs();
  }

  @Test
  void jobsGoThroughTlsWithTheUrlsUserPasswordAndDatabase() throws Exception {
    MutableClock clock = MutableClock.now();
    RedisSettings db3 = RedisSettings.builder(url(redis, "karafka:s3cret@", 3))
        .caCert(certs.caCert().toString()).namespace("billing").build();
    try (RedisJobStore store = new RedisJobStore(db3, jobs(), clock)) {
      store.enqueue(List.of(Job.create("tls-1", Worker.named("InvoicesWorker"), "invoices",
          "{\"id\":1}", clock.instant())));
      Lease lease = store.fetch(List.of("default"), 1, Duration.ofSeconds(5)).getFirst();
      assertEquals("{\"id\":1}", lease.job().payload());
      store.complete(lease);
      assertEquals(1, store.stats().processed());
    }
    String pem = Files.readString(certs.caCert());
    RedisSettings db4 = RedisSettings.builder(url(redis, "karafka:s3cret@", 4)).caCert(pem)
        .namespace("billing").build();
    try (RedisJobStore other = new RedisJobStore(db4, jobs(), clock)) {
      assertEquals(0, other.stats().processed(), "database 4 is another database");
      assertEquals(Map.of(), other.stats().queued());
    }
  }

  @Test
  void aServerSignedByAnUnknownCaFailsWithTheUrlAndWhatToSet() {
    RedisSettings untrusted = RedisSettings.builder(url(redis, "karafka:s3cret@", 0)).build();
    String message = refusal(untrusted);
    assertTrue(message.startsWith("Redis at rediss://karafka:****@127.0.0.1:" + redis.port()
        + "/0 is unreachable: the TLS handshake failed ("), message);
    assertTrue(message.contains("RedisSettings.caCert"), message);
    assertFalse(message.contains("s3cret"), message);
  }

  @Test
  void aCertificateThatNamesAnotherHostIsRefused() {
    RedisSettings settings = RedisSettings.builder(url(misnamed, "karafka:s3cret@", 0))
        .caCert(certs.caCert().toString()).build();
    String message = refusal(settings);
    assertTrue(message.contains("the TLS handshake failed"), message);
    assertTrue(message.contains("127.0.0.1"), message);
  }

  @Test
  void aWrongPasswordIsRefusedWithoutPrintingIt() {
    RedisSettings settings = RedisSettings.builder(url(redis, "karafka:wrong-one@", 0))
        .caCert(certs.caCert().toString()).build();
    String message = refusal(settings);
    assertTrue(message.startsWith("Redis at rediss://karafka:****@127.0.0.1:"), message);
    assertTrue(message.contains("WRONGPASS"), message);
    assertFalse(message.contains("wrong-one"), message);
  }

  /** @return the message of the error the store's first call fails with */
  private static String refusal(RedisSettings settings) {
    try (RedisJobStore store = new RedisJobStore(settings, jobs(), MutableClock.now())) {
      return assertThrows(JobStoreUnavailableException.class, store::stats).getMessage();
    }
  }
}
