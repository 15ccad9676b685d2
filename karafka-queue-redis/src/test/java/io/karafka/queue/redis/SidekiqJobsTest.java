package io.karafka.queue.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.karafka.job.Job;
import io.karafka.job.JobError;
import io.karafka.job.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
        new JobError("java.lang.IllegalStateException", "boom \"quoted\"", T, T), true)
        .scheduledAt(T.plusSeconds(60));
    Map<?, ?> hash = (Map<?, ?>) SidekiqJson.parse(SidekiqJobs.encode(failed, T));
    assertEquals("java.lang.IllegalStateException", hash.get("error_class"));
    assertEquals("boom \"quoted\"", hash.get("error_message"));
    assertEquals(0, ((Number) hash.get("retry_count")).intValue(), "Sidekiq counts from 0");
    assertFalse(hash.containsKey("retried_at"), "Sidekiq writes it from the second failure on");
    assertEquals(failed, SidekiqJobs.decode(SidekiqJobs.encode(failed, T)));
  }

  /** What Sidekiq 6.4's JobRetry writes for a job with {@code retry: 2} that always fails. */
  @Test
  void retryCountAndRetriedAtFollowSidekiqThroughRetriesToTheDeadSet() {
    Job job = Job.create("abc", Worker.named("W").retry(2), "t", "p", T);
    List<String> written = new ArrayList<>();
    for (int failure = 1; failure <= 3; failure++) {
      Instant now = T.plusSeconds(10L * failure);
      boolean retried = job.retryCount() < job.retry(); // as KarafkaWorker decides
      job = job.failed(JobError.of(new IllegalStateException("boom"), now,
          job.error().orElse(null)), retried);
      String json = retried ? SidekiqJobs.encode(job, now) : SidekiqJobs.encodeDead(job, now);
      assertEquals(job, SidekiqJobs.decode(json));
      Map<?, ?> hash = (Map<?, ?>) SidekiqJson.parse(json);
      written.add((retried ? "retry" : "dead") + " retry_count=" + hash.get("retry_count")
          + " failed_at=" + hash.get("failed_at") + " retried_at=" + hash.get("retried_at"));
    }
    assertEquals(List.of(
        "retry retry_count=0 failed_at=1767323055.678 retried_at=null",
        "retry retry_count=1 failed_at=1767323055.678 retried_at=1767323065.678",
        "dead retry_count=2 failed_at=1767323055.678 retried_at=1767323075.678"), written);
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
    assertEquals(Instant.ofEpochSecond(1700000001), job.error().orElseThrow().retriedAt(),
        "no retried_at: the first failure was the last");
  }

  @Test
  void aJobThatRubySidekiqKilledCountsTheRetriesThatHappened() {
    Job dead = SidekiqJobs.decode("{\"retry\":2,\"queue\":\"default\",\"class\":\"W\","
        + "\"args\":[\"t\",\"p\"],\"jid\":\"j1\",\"created_at\":1700000000.5,"
        + "\"error_message\":\"x\",\"error_class\":\"E\",\"failed_at\":1700000001,"
        + "\"retry_count\":2,\"retried_at\":1700000090.25}");
    assertEquals(2, dead.retryCount(), "3 failures, the last one killed it");
    assertEquals(new JobError("E", "x", Instant.ofEpochSecond(1700000001),
        Instant.ofEpochMilli(1700000090250L)), dead.error().orElseThrow());
  }

  @Test
  void aHashThatIsNotAKarafkaJobIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SidekiqJobs.decode("{\"class\":\"HardWorker\",\"args\":[1,2,3],\"jid\":\"x\"}"));
    assertEquals("not a Karafka job (args must be [topic, params]):"
        + " {\"class\":\"HardWorker\",\"args\":[1,2,3],\"jid\":\"x\"}", e.getMessage());
  }

  /** The store's callers take an IllegalArgumentException for a hash it cannot use. */
  @Test
  void aHashThatIsNotJsonIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SidekiqJobs.decode("{\"class\":\"W\",\"args\":[\"t\",\"p\""));
    assertEquals("invalid JSON at character 28: Unexpected end-of-input: expected close marker"
        + " for Array (start marker at line 1, column 21)", e.getMessage());
  }
}
