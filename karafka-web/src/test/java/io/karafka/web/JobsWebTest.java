package io.karafka.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.app.ConfigurationException;
import io.karafka.job.Job;
import io.karafka.job.JobError;
import io.karafka.job.JobStore;
import io.karafka.job.JobStoreStats;
import io.karafka.job.Lease;
import io.karafka.job.Worker;
import io.karafka.testkit.InMemoryJobStore;
import io.karafka.testkit.MutableClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The web UI over HTTP on 127.0.0.1, against the in-memory job store. */
class JobsWebTest {
  private static final String LOGIN = "Basic " + Base64.getEncoder().encodeToString(
      "admin:correct horse".getBytes(StandardCharsets.UTF_8));
  private MutableClock clock;
  private InMemoryJobStore store;
  private JobsWeb web;

  @BeforeEach
  void start() throws Exception {
    clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    store = new InMemoryJobStore(clock);
    store.enqueue(List.of(
        job("waiting-1", "UsersCreateWorker", "default"),
        job("doomed-1", "PaymentsWorker", "default"),
        job("later-1", "ReportsWorker", "reports").scheduledAt(clock.instant()
            .plusSeconds(600))));
    Lease doomed = store.fetch(List.of("default"), 2, Duration.ZERO).stream()
        .filter(l -> l.job().id().equals("doomed-1")).findFirst().orElseThrow();
    store.kill(doomed, doomed.job().failed(JobError.of(new IllegalStateException(
        "card <script>alert(1)</script> declined"), clock.instant(), null), false));
    web = JobsWeb.builder(store).bind("127.0.0.1", 0).credentials("admin", "correct horse")
        .title("shop").clock(clock).build().start();
  }

  @AfterEach
  void stop() {
    web.close();
  }

  private Job job(String id, String worker, String queue) {
    return Job.create(id, Worker.named(worker).queue(queue), "users_create", "{\"n\":1}",
        clock.instant());
  }

  /** What the server answered. */
  private record Response(int statusCode, String body, java.util.Map<String, List<String>>
      headers) {
    String header(String name) {
      return headers.entrySet().stream().filter(e -> name.equalsIgnoreCase(e.getKey()))
          .map(e -> e.getValue().getFirst()).findFirst().orElse("");
    }
  }

  private Response get(String path, String authorization) throws IOException {
    return request(web.url(), path, authorization, null);
  }

  private Response post(String path, String form) throws IOException {
    return request(web.url(), path, LOGIN, form);
  }

  private static Response request(String base, String path, String authorization, String form)
      throws IOException {
    HttpURLConnection c = (HttpURLConnection) URI.create(base + path.substring(1)).toURL()
        .openConnection();
    c.setInstanceFollowRedirects(false);
    if (authorization != null) {
      c.setRequestProperty("Authorization", authorization);
    }
    if (form != null) {
      c.setRequestMethod("POST");
      c.setDoOutput(true);
      c.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
      try (OutputStream out = c.getOutputStream()) {
        out.write(form.getBytes(StandardCharsets.UTF_8));
      }
    }
    int status = c.getResponseCode();
    try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
      String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return new Response(status, body, c.getHeaderFields());
    } finally {
      c.disconnect();
    }
  }

  private static String token(String page) {
    Matcher m = Pattern.compile("name=\"token\" value=\"([0-9a-f]{32})\"").matcher(page);
    assertTrue(m.find(), page);
    return m.group(1);
  }

  @Test
  void everyPageAsksForTheLogin() throws Exception {
    for (String path : List.of("/", "/dead", "/stats.json")) {
      Response anonymous = get(path, null);
      assertEquals(401, anonymous.statusCode());
      assertEquals("Basic realm=\"shop jobs\", charset=\"UTF-8\"",
          anonymous.header("WWW-Authenticate"));
    }
    String wrong = "Basic " + Base64.getEncoder().encodeToString("admin:guess"
        .getBytes(StandardCharsets.UTF_8));
    assertEquals(401, get("/", wrong).statusCode());
    assertEquals(200, get("/", LOGIN).statusCode());
  }

  @Test
  void theDashboardShowsTheStoresNumbersAndQueues() throws Exception {
    Response page = get("/", LOGIN);
    assertEquals(200, page.statusCode());
    String html = page.body();
    assertTrue(html.contains("<title>shop jobs: Dashboard</title>"), html);
    assertTrue(html.contains("<meta http-equiv=\"refresh\" content=\"5\">"), html);
    assertTrue(html.contains("Failed<b>1</b>"), html);
    assertTrue(html.contains("Running<b>1</b>"), html);
    assertTrue(html.contains("Scheduled<b>1</b>"), html);
    assertTrue(html.contains("Dead<b>1</b>"), html);
    assertTrue(html.contains("<tr><td>default</td><td class=\"num\">0</td></tr>"), html);
    assertEquals("DENY", page.header("X-Frame-Options"));
    assertEquals("{\"processed\":0,\"failed\":1,\"running\":1,\"scheduled\":1,\"retries\":0,"
        + "\"dead\":1,\"queues\":{\"default\":0}}", get("/stats.json", LOGIN).body());
  }

  @Test
  void deadJobsShowTheirErrorEscapedAndCanRunAgainOrBeDeleted() throws Exception {
    String html = get("/dead", LOGIN).body();
    assertTrue(html.contains("<code>doomed-1</code>"), html);
    assertTrue(html.contains("PaymentsWorker"), html);
    assertTrue(html.contains("java.lang.IllegalStateException: card &lt;script&gt;alert(1)"
        + "&lt;/script&gt; declined"), html);
    assertFalse(html.contains("<script>"), "store data is never markup");

    assertEquals(403, post("/dead/doomed-1/run", "token=forged").statusCode());
    assertEquals(1, store.dead().size(), "a forged form changes nothing");

    Response run = post("/dead/doomed-1/run", "token=" + token(html));
    assertEquals(303, run.statusCode());
    assertEquals("/dead?done=run", run.header("Location"));
    assertEquals(List.of(), store.dead());
    assertEquals(List.of("doomed-1"), store.queued("default").stream().map(Job::id).toList());
    assertEquals("/dead?done=gone", post("/dead/doomed-1/run", "token=" + token(html))
        .header("Location"));
  }

  @Test
  void scheduledJobsShowWhenTheyRunAndCanBeDeleted() throws Exception {
    String html = get("/scheduled", LOGIN).body();
    assertTrue(html.contains("<code>later-1</code>"), html);
    assertTrue(html.contains(">in 10 min</span>"), html);
    assertEquals(303, post("/scheduled/later-1/delete", "token=" + token(html)).statusCode());
    clock.advance(Duration.ofHours(1));
    assertEquals(List.of(), store.fetch(List.of("reports"), 5, Duration.ZERO));
    assertTrue(get("/scheduled", LOGIN).body().contains("<p>0 job(s)</p>"));
  }

  @Test
  void pagesAndBadRequestsAreAnswered() throws Exception {
    for (int i = 0; i < 30; i++) {
      store.enqueue(List.of(job("s" + i, "ReportsWorker", "reports").scheduledAt(clock
          .instant().plusSeconds(60 + i))));
    }
    String first = get("/scheduled", LOGIN).body();
    assertTrue(first.contains("<p>31 job(s), page 1 of 2 <a href=\"?page=2\">more</a></p>"),
        first);
    assertTrue(get("/scheduled?page=2", LOGIN).body().contains("<code>later-1</code>"));
    assertEquals(400, get("/scheduled?page=x", LOGIN).statusCode());
    assertEquals(404, get("/nowhere", LOGIN).statusCode());
  }

  @Test
  void anUnavailableStoreGivesA503SayingWhy() throws Exception {
    store.unavailable(true);
    Response page = get("/", LOGIN);
    assertEquals(503, page.statusCode());
    assertTrue(page.body().contains("Job store unavailable"), page.body());
  }

  @Test
  void theStoresOutagesSeenByTheUiAreToldOnceDownAndOnceBack() throws Exception {
    io.karafka.testkit.RecordingMonitor events = new io.karafka.testkit.RecordingMonitor();
    io.karafka.monitor.Dependencies dependencies = new io.karafka.monitor.Dependencies(events,
        clock, Duration.ofMinutes(1));
    try (JobsWeb watched = JobsWeb.builder(store).bind("127.0.0.1", 0).withoutLogin()
        .dependencies(dependencies).build().start()) {
      for (int outage = 0; outage < 2; outage++) {
        store.unavailable(true);
        assertEquals(503, request(watched.url(), "/", null, null).statusCode());
        assertEquals(503, request(watched.url(), "/stats.json", null, null).statusCode());
        store.unavailable(false);
        assertEquals(200, request(watched.url(), "/", null, null).statusCode());
      }
    }
    assertEquals(List.of("DependencyDown", "DependencyRecovered", "DependencyDown",
        "DependencyRecovered"), events.events().stream().map(e -> e.getClass().getSimpleName())
        .toList());
    assertEquals(List.of("job store (web UI)"), events.events(
        io.karafka.monitor.Event.DependencyDown.class).stream().map(
            io.karafka.monitor.Event.DependencyDown::dependency).distinct().toList());
  }

  @Test
  void aStoreThatCannotListJobsStillHasADashboard() throws Exception {
    JobStore statsOnly = new StatsOnlyStore(store);
    try (JobsWeb plain = JobsWeb.builder(statsOnly).bind("127.0.0.1", 0).withoutLogin()
        .build().start()) {
      Response dashboard = request(plain.url(), "/", null, null);
      assertTrue(dashboard.body().contains("cannot list its jobs"), dashboard.body());
      Response dead = request(plain.url(), "/dead", null, null);
      assertEquals(400, dead.statusCode());
      assertEquals("this job store cannot list jobs (it is no JobBrowser)", dead.body());
    }
  }

  @Test
  void badSettingsAreNamedAtBuild() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> JobsWeb.builder(store).bind("", 70_000).credentials("admin", "short").build());
    assertEquals("Invalid Karafka configuration (3 problems):\n"
        + "  - web.host = '': must name an address to listen on. Fix: use e.g."
        + " .bind(\"127.0.0.1\", 9292)\n"
        + "  - web.port = 70000: must be from 0 to 65535. Fix: use e.g."
        + " .bind(\"127.0.0.1\", 9292)\n"
        + "  - web.credentials = 'admin': are required (the UI can delete jobs): a user name"
        + " without ':' and a password of at least 8 characters. Fix:"
        + " .credentials(\"admin\", System.getenv(\"JOBS_WEB_PASSWORD\")), or"
        + " .withoutLogin() behind a proxy that authenticates", e.getMessage());
    assertThrows(ConfigurationException.class, () -> JobsWeb.builder(store).build());
  }

  @Test
  void aTakenPortIsNamed() {
    int taken = URI.create(web.url()).getPort();
    JobsWeb second = JobsWeb.builder(store).bind("127.0.0.1", taken).withoutLogin().build();
    IllegalStateException e = assertThrows(IllegalStateException.class, second::start);
    assertTrue(e.getMessage().startsWith("the job queue web UI cannot listen on 127.0.0.1:"
        + taken), e.getMessage());
  }

  /** A store without JobBrowser: only the port's methods. */
  private record StatsOnlyStore(InMemoryJobStore inner) implements JobStore {
    @Override
    public void enqueue(List<Job> jobs) {
      inner.enqueue(jobs);
    }

    @Override
    public List<Lease> fetch(List<String> queues, int max, Duration wait)
        throws InterruptedException {
      return inner.fetch(queues, max, wait);
    }

    @Override
    public void complete(Lease lease) {
      inner.complete(lease);
    }

    @Override
    public void retry(Lease lease, Job failed, Instant at) {
      inner.retry(lease, failed, at);
    }

    @Override
    public void kill(Lease lease, Job failed) {
      inner.kill(lease, failed);
    }

    @Override
    public void release(Lease lease) {
      inner.release(lease);
    }

    @Override
    public JobStoreStats stats() {
      return inner.stats();
    }

    @Override
    public void close() {
      inner.close();
    }
  }
}
