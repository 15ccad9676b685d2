package io.karafka.queue.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.job.Job;
import io.karafka.job.JobError;
import io.karafka.job.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SidekiqJobsTest {
  static final Instant T = Instant.parse("2026-01-02T03:04:05.678Z");

  @Test
  void aJobBecomesASidekiqHashAndComesBackTheSame() {
    Job job = Job.create("0123456789abcdef01234567", Worker.named("UsersWorker").queue("critical")
        .retry(7).timeout(Duration.ofMillis(1500)), "users", "{\"v\":1,\"x\":\"\\u00e9\\n\"}", T);
    String json = SidekiqJobs.encode(job, T.plusSeconds(1));
    assertEquals("{\"class\":\"UsersWorker\",\"args\":[\"users\",\"{\\\"v\\\":1,\\\"x\\\":\\\"\\\\u00e9"
        + "\\\\n\\\"}\"],\"jid\":\"0123456789abcdef01234567\",\"queue\":\"critical\",\"retry\":7,"
        + "\"created_at\":1767323045.678,\"enqueued_at\":1767323046.678,\"karafka_timeout\":1.5,"
        + "\"karafka_retries\":0}", json);
    assertEquals(job, SidekiqJobs.decode(json));
  }

  @Test
  void failuresUseSidekiqsFieldsAndRetryCount() {
    Job failed = Job.create("abc", Worker.named("W"), "t", "p", T).failed(
        new JobError("java.lang.IllegalStateException", "boom \"quoted\"", T, T.plusSeconds(9)),
        true).scheduledAt(T.plusSeconds(60));
    Map<?, ?> hash = (Map<?, ?>) SidekiqJson.parse(SidekiqJobs.encode(failed, T));
    assertEquals("java.lang.IllegalStateException", hash.get("error_class"));
    assertEquals("boom \"quoted\"", hash.get("error_message"));
    assertEquals(0, ((Number) hash.get("retry_count")).intValue(), "Sidekiq counts from 0");
    assertEquals(failed, SidekiqJobs.decode(SidekiqJobs.encode(failed, T)));
  }

  @Test
  void aSidekiqJobWrittenByRubyIsRead() {
    Job job = SidekiqJobs.decode("{\"retry\":true,\"queue\":\"default\",\"class\":\"W\","
        + "\"args\":[\"t\",\"p\"],\"jid\":\"j1\",\"created_at\":1700000000.5,"
        + "\"enqueued_at\":1700000000.6,\"error_message\":\"x\",\"error_class\":\"E\","
        + "\"failed_at\":1700000001,\"retry_count\":2}");
    assertEquals(25, job.retry());
    assertEquals(3, job.retryCount());
    assertEquals(Instant.ofEpochMilli(1700000000500L), job.createdAt());
    assertEquals(Optional.empty(), job.at());
    assertEquals("E", job.error().orElseThrow().errorClass());
  }

  @Test
  void aHashThatIsNotAKarafkaJobIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SidekiqJobs.decode("{\"class\":\"HardWorker\",\"args\":[1,2,3],\"jid\":\"x\"}"));
    assertEquals("not a Karafka job (args must be [topic, params]):"
        + " {\"class\":\"HardWorker\",\"args\":[1,2,3],\"jid\":\"x\"}", e.getMessage());
  }

  @Test
  void theJsonCodecRoundTripsAndRejectsGarbage() {
    Object value = SidekiqJson.parse(" {\"a\":[1,2.5,-3e2,true,false,null,\"\\t\\u0041\"],"
        + "\"b\":{}} ");
    assertEquals("{\"a\":[1,2.5,-3E+2,true,false,null,\"\\tA\"],\"b\":{}}",
        SidekiqJson.write(value));
    for (String bad : List.of("{", "[1,", "{\"a\" 1}", "\"x", "tru", "{} x", "{\"a\":\"\\q\"}")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> SidekiqJson.parse(bad), bad);
      assertTrue(e.getMessage().startsWith("invalid JSON at character "), e.getMessage());
    }
  }
}
