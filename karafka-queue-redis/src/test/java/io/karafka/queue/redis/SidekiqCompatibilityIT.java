package io.karafka.queue.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.karafka.app.KarafkaConfig;
import io.karafka.job.Job;
import io.karafka.job.JobError;
import io.karafka.job.Lease;
import io.karafka.job.Worker;
import io.karafka.testkit.LocalRedis;
import io.karafka.testkit.MutableClock;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Ruby's real Sidekiq (6.4, from Debian) reads what the Redis store writes, and vice versa. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // one server for the class's tests
class SidekiqCompatibilityIT {
  private LocalRedis redis;

  @BeforeAll
  void startRedis() throws Exception {
    redis = LocalRedis.start();
  }

  @AfterAll
  void stopRedis() throws Exception {
    redis.close();
  }

  @org.junit.jupiter.api.BeforeEach
  void emptyRedis() {
    try (redis.clients.jedis.Jedis jedis = new redis.clients.jedis.Jedis("127.0.0.1",
        redis.port())) {
      jedis.flushAll();
    }
  }

  /** Runs Ruby with Sidekiq connected to the test's Redis; returns what it printed. */
  String ruby(String script) throws Exception {
    Process ruby = new ProcessBuilder("ruby", "-e", "require 'sidekiq'; require 'sidekiq/api';"
        + " Sidekiq.configure_client { |c| c.redis = { url: '" + redis.url() + "' } }; "
        + script).redirectErrorStream(true).start();
    String out = new String(ruby.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (!ruby.waitFor(60, TimeUnit.SECONDS) || ruby.exitValue() != 0) {
      throw new AssertionError("ruby failed: " + out);
    }
    return out;
  }

  @Test
  void sidekiqsApiReadsKarafkasQueuesRetriesDeadJobsStatsAndProcesses() throws Exception {
    MutableClock clock = MutableClock.now();
    try (RedisJobStore store = new RedisJobStore(RedisSettings.builder(redis.url()).build(),
        KarafkaConfig.builder().name("x").build().jobs(), clock)) {
      store.enqueue(List.of(
          Job.create("job1", Worker.named("UsersCreateWorker"), "users_create", "{\"n\":1}",
              clock.instant()),
          Job.create("job2", Worker.named("UsersCreateWorker"), "users_create", "{\"n\":2}",
              clock.instant()),
          Job.create("job3", Worker.named("LaterWorker").queue("low"), "later", "{}",
              clock.instant()).scheduledAt(clock.instant().plusSeconds(3600))));
      List<Lease> leases = store.fetch(List.of("default"), 2, Duration.ZERO);
      store.complete(leases.get(0));
      Job failed = leases.get(1).job().failed(JobError.of(new IllegalStateException("boom"),
          clock.instant(), null), true);
      store.retry(leases.get(1), failed, clock.instant().plusSeconds(30));

      assertEquals("queues=default,low scheduled=1 LaterWorker retries=1 UsersCreateWorker"
          + " [\"users_create\", \"{\\\"n\\\":2}\"] java.lang.IllegalStateException boom"
          + " processed=1 failed=1 processes=1 karafka", ruby(
          "s = Sidekiq::Stats.new; r = Sidekiq::RetrySet.new.first;"
              + " print 'queues=', Sidekiq::Queue.all.map(&:name).sort.join(','),"
              + " ' scheduled=', Sidekiq::ScheduledSet.new.size, ' ',"
              + " Sidekiq::ScheduledSet.new.first.klass,"
              + " ' retries=', Sidekiq::RetrySet.new.size, ' ', r.klass, ' ', r.args.inspect,"
              + " ' ', r['error_class'], ' ', r['error_message'],"
              + " ' processed=', s.processed, ' failed=', s.failed,"
              + " ' processes=', Sidekiq::ProcessSet.new.size, ' ',"
              + " Sidekiq::ProcessSet.new.first['tag']"));
    }
  }

  /**
   * Sidekiq's Web UI (the Rack app Ruby teams mount) renders every page of a Karafka deployment
   * without an error and shows its queues, jobs, retries, scheduled and dead jobs, stats and
   * worker processes. Pages are requested through Rack::MockRequest, so no web server is needed.
   */
  @Test
  void sidekiqsWebUiShowsKarafkasQueuesRetriesScheduledDeadJobsAndProcesses() throws Exception {
    MutableClock clock = MutableClock.now();
    try (RedisJobStore store = new RedisJobStore(RedisSettings.builder(redis.url())
        .heartbeatTtl(Duration.ofMillis(1200)).build(),
        KarafkaConfig.builder().name("x").build().jobs(), clock)) {
      store.enqueue(List.of(
          Job.create("job1", Worker.named("UsersCreateWorker"), "users_create", "{\"n\":1}",
              clock.instant()),
          Job.create("job2", Worker.named("DoomedWorker"), "payments", "{\"n\":2}",
              clock.instant()),
          Job.create("job3", Worker.named("LaterWorker").queue("low"), "later", "{}",
              clock.instant()).scheduledAt(clock.instant().plusSeconds(3600)),
          Job.create("job4", Worker.named("WaitingWorker"), "audits", "{\"n\":4}",
              clock.instant()),
          Job.create("job5", Worker.named("ReportWorker").queue("reports"), "reports",
              "{\"day\":\"2026-11-25\"}", clock.instant())));
      Lease running = store.fetch(List.of("reports"), 1, Duration.ZERO).getFirst();
      List<Lease> leases = store.fetch(List.of("default"), 2, Duration.ZERO);
      Lease users = leases.stream().filter(l -> l.job().id().equals("job1")).findFirst()
          .orElseThrow();
      Lease doomed = leases.stream().filter(l -> l.job().id().equals("job2")).findFirst()
          .orElseThrow();
      store.retry(users, users.job().failed(JobError.of(new IllegalStateException(
          "users service timed out"), clock.instant(), null), true), clock.instant()
          .plusSeconds(30));
      store.kill(doomed, doomed.job().failed(JobError.of(new IllegalArgumentException(
          "card declined for good"), clock.instant(), null), false));
      awaitBeatShowing(1);

      String pages = ruby("require 'sidekiq/web'; require 'rack/mock';"
          + " require 'rack/session/cookie';"
          + " app = Rack::Builder.new { use Rack::Session::Cookie, secret: 'k' * 64;"
          + " run Sidekiq::Web.new }.to_app; web = Rack::MockRequest.new(app);"
          + " %w[/ /queues /queues/default /retries /scheduled /morgue /busy /stats].each { |p|"
          + " r = web.get(p); print \"\\n### #{p} #{r.status}\\n\", r.body }");

      assertPage(pages, "/", "Processed", "Failed", "Busy", "Enqueued", "Retries", "Dead");
      assertPage(pages, "/queues", "default", "low");
      assertPage(pages, "/queues/default", "WaitingWorker", "audits");
      assertPage(pages, "/retries", "UsersCreateWorker", "users service timed out");
      assertPage(pages, "/scheduled", "LaterWorker");
      assertPage(pages, "/morgue", "DoomedWorker", "card declined for good");
      assertPage(pages, "/busy", "karafka", ":" + ProcessHandle.current().pid(), "ReportWorker",
          "2026-11-25", "reports");
      assertEquals("ReportWorker job5 reports", ruby("w = Sidekiq::Workers.new.first[2];"
          + " print w['payload']['class'], ' ', w['payload']['jid'], ' ', w['queue']"));

      store.complete(running);
      awaitBeatShowing(0);
      assertEquals("0", ruby("print Sidekiq::Workers.new.size"));
      assertPage(pages, "/stats", "\"failed\":2", "\"busy\":1", "\"processes\":1", "\"enqueued\":1",
          "\"scheduled\":1", "\"retries\":1", "\"dead\":1");
    }
  }

  /** Waits for the next heartbeats to report this many jobs held in the process set. */
  private void awaitBeatShowing(int jobs) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!ruby("print Sidekiq::ProcessSet.new.map { |p| p['busy'] }.sum, ' ',"
        + " Sidekiq::Workers.new.size").equals(jobs + " " + jobs)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the heartbeat never reported " + jobs + " busy");
      }
      Thread.sleep(100);
    }
  }

  /** Asserts that a page of the Web UI answered 200 and shows every text. */
  private static void assertPage(String pages, String path, String... texts) {
    String marker = "### " + path + " ";
    int start = pages.indexOf(marker);
    if (start < 0) {
      throw new AssertionError("no page " + path + " in: " + pages);
    }
    int end = pages.indexOf("\n### ", start + marker.length());
    String page = pages.substring(start, end < 0 ? pages.length() : end);
    assertEquals(marker + "200", page.lines().findFirst().orElseThrow(), page);
    for (String text : texts) {
      if (!page.contains(text)) {
        throw new AssertionError(path + " does not show " + text + ":\n" + page);
      }
    }
  }

  /**
   * Ruby's JobRetry fails a {@code retry: 2} job three times, and Karafka fails the same job three
   * times as its worker does: both write the same retry_count, failed_at and retried_at at every
   * step, and the hashes Sidekiq wrote read back as the jobs Karafka had at each step.
   */
  @Test
  void failuresAreCountedAndTimedAsRubySidekiqDoes() throws Exception {
    List<String> sidekiq = ruby("require 'sidekiq/job_retry';"
        + " Sidekiq.logger = Logger.new(IO::NULL); job = Sidekiq.dump_json('class' => 'DoomedWorker', 'queue' => 'default',"
        + " 'args' => ['payments', '{}'], 'retry' => 2, 'jid' => 'doomed1',"
        + " 'created_at' => Time.now.to_f, 'enqueued_at' => Time.now.to_f);"
        // Apart by more than a millisecond, the precision at which Karafka reads the times.
        + " 3.times { sleep 0.01; begin; Sidekiq::JobRetry.new.global(job, 'default') {"
        + " raise ArgumentError, 'card declined' }; rescue Sidekiq::JobRetry::Handled; end;"
        + " entry = Sidekiq::RetrySet.new.first || Sidekiq::DeadSet.new.first;"
        + " puts \"#{entry.parent.name} #{entry.value}\"; job = entry.value; entry.delete }")
        .lines().toList();

    MutableClock clock = MutableClock.now();
    Job job = Job.create("doomed1", Worker.named("DoomedWorker").retry(2), "payments", "{}",
        clock.instant());
    List<Job> karafkaJobs = new ArrayList<>();
    List<String> karafka = new ArrayList<>();
    for (int failure = 1; failure <= 3; failure++) {
      clock.advance(Duration.ofSeconds(30));
      boolean retried = job.retryCount() < job.retry(); // KarafkaWorker's rule
      job = job.failed(JobError.of(new IllegalArgumentException("card declined"),
          clock.instant(), job.error().orElse(null)), retried);
      karafkaJobs.add(job);
      karafka.add(retried ? "retry " + SidekiqJobs.encode(job, clock.instant())
          : "dead " + SidekiqJobs.encodeDead(job, clock.instant()));
    }

    assertEquals(List.of(
        "retry retry_count=0 failed_at=first failure retried_at=none",
        "retry retry_count=1 failed_at=first failure retried_at=this failure",
        "dead retry_count=2 failed_at=first failure retried_at=this failure"),
        failureFields(sidekiq));
    assertEquals(failureFields(sidekiq), failureFields(karafka));
    List<Job> readBack = sidekiq.stream()
        .map(stage -> SidekiqJobs.decode(stage.substring(stage.indexOf(' ') + 1))).toList();
    assertEquals(List.of("retries=1 failedAt=first failure retriedAt=this failure",
        "retries=2 failedAt=first failure retriedAt=this failure",
        "retries=2 failedAt=first failure retriedAt=this failure"), failures(readBack));
    assertEquals(failures(readBack), failures(karafkaJobs));
  }

  /** Which failure each step's failed_at and retried_at name, with its retry_count. */
  private static List<String> failureFields(List<String> steps) {
    List<String> described = new ArrayList<>();
    Object first = null;
    BigDecimal previous = null;
    for (String step : steps) {
      String set = step.substring(0, step.indexOf(' '));
      Map<?, ?> hash = (Map<?, ?>) SidekiqJson.parse(step.substring(set.length() + 1));
      first = first == null ? hash.get("failed_at") : first;
      previous = previous == null ? (BigDecimal) hash.get("created_at") : previous;
      BigDecimal retriedAt = (BigDecimal) hash.get("retried_at");
      described.add(set + " retry_count=" + hash.get("retry_count") + " failed_at="
          + (first.equals(hash.get("failed_at")) ? "first failure" : hash.get("failed_at"))
          + " retried_at=" + (retriedAt == null ? "none"
              : retriedAt.compareTo(previous) > 0 ? "this failure" : retriedAt));
      previous = retriedAt == null ? (BigDecimal) hash.get("failed_at") : retriedAt;
    }
    return described;
  }

  /** A job's retries, and which failure its error's times name, after each step. */
  private static List<String> failures(List<Job> steps) {
    List<String> described = new ArrayList<>();
    Instant first = steps.getFirst().error().orElseThrow().failedAt();
    Instant previous = steps.getFirst().createdAt();
    for (Job step : steps) {
      JobError error = step.error().orElseThrow();
      described.add("retries=" + step.retryCount() + " failedAt="
          + (error.failedAt().equals(first) ? "first failure" : error.failedAt())
          + " retriedAt=" + (error.retriedAt().isAfter(previous) ? "this failure"
              : error.retriedAt()));
      previous = error.retriedAt();
    }
    return described;
  }

  @Test
  void aJobPushedByRubySidekiqIsFetchedAndPerformedByKarafka() throws Exception {
    ruby("Sidekiq::Client.push('class' => 'ReportsWorker', 'queue' => 'reports',"
        + " 'args' => ['reports', '{\"day\":\"2026-01-01\"}'], 'retry' => 3)");
    try (RedisJobStore store = new RedisJobStore(RedisSettings.builder(redis.url()).build(),
        KarafkaConfig.builder().name("x").build().jobs(), MutableClock.now())) {
      Lease lease = store.fetch(List.of("reports"), 1, Duration.ofSeconds(5)).getFirst();
      assertEquals("ReportsWorker", lease.job().worker());
      assertEquals("reports", lease.job().topic());
      assertEquals("{\"day\":\"2026-01-01\"}", lease.job().payload());
      assertEquals(3, lease.job().retry());
      store.complete(lease);
      assertEquals("0", ruby("print Sidekiq::Queue.new('reports').size"));
      assertEquals(Instant.now().getEpochSecond() / 100, lease.job().createdAt().getEpochSecond()
          / 100);
    }
  }
}
