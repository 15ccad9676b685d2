package io.karafka.queue.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.job.Job;
import io.karafka.job.JobBrowser.Section;
import io.karafka.job.JobError;
import io.karafka.job.JobStoreUnavailableException;
import io.karafka.job.Lease;
import io.karafka.job.Worker;
import io.karafka.testkit.LocalPostgres;
import io.karafka.testkit.MutableClock;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The store's {@link io.karafka.job.JobBrowser} side: sections, paging, run now, delete. */
class JdbcJobBrowserIT {
  private static final List<String> QUEUES = List.of("default");
  private final LocalPostgres pg = SharedPostgres.get();
  // whole milliseconds: PostgreSQL keeps microseconds
  private final MutableClock clock =
      new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
  private final Instant start = clock.instant();
  private String prefix;
  private JdbcJobStore store;

  @BeforeEach
  void open() {
    prefix = TestPrefixes.next();
    store = new JdbcJobStore(Db.settings(pg, prefix).build(), clock);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void scheduledHoldsJobsDueLaterSoonestFirstWithTheirRunTime() {
    store.enqueue(List.of(scheduled("in-3h", 3), scheduled("in-1h", 1), scheduled("in-2h", 2),
        Jobs.job(clock, "now")));

    List<Job> jobs = store.jobs(Section.SCHEDULED, 0, 10);
    assertEquals(List.of("in-1h", "in-2h", "in-3h"), ids(jobs));
    assertEquals(List.of(Optional.of(hours(1)), Optional.of(hours(2)), Optional.of(hours(3))),
        jobs.stream().map(Job::at).toList());
    assertEquals(Optional.empty(), jobs.getFirst().error());
    assertEquals("[{\"n\":1}]", jobs.getFirst().payload());
    assertEquals(3, store.count(Section.SCHEDULED));
    assertEquals(0, store.count(Section.RETRIES));
    assertEquals(0, store.count(Section.DEAD));

    clock.set(hours(1));
    assertEquals(List.of("in-2h", "in-3h"), ids(store.jobs(Section.SCHEDULED, 0, 10)),
        "a job due now is in its queue, not scheduled");
    assertEquals(2, store.count(Section.SCHEDULED));
  }

  @Test
  void retriesHoldFailedJobsSoonestFirstWithNextAttemptAndLastError() throws Exception {
    store.enqueue(List.of(Jobs.job(clock, "a"), Jobs.job(clock, "b"), Jobs.job(clock, "c"),
        scheduled("later", 1)));
    List<Lease> leases = store.fetch(QUEUES, 3, Duration.ZERO);
    retry(leases.get(0), "first", 30);
    retry(leases.get(1), "second", 10);
    retry(leases.get(2), "third", 20);

    List<Job> jobs = store.jobs(Section.RETRIES, 0, 10);
    assertEquals(List.of("b", "c", "a"), ids(jobs));
    assertEquals(List.of(Optional.of(minutes(10)), Optional.of(minutes(20)),
        Optional.of(minutes(30))), jobs.stream().map(Job::at).toList());
    assertEquals(List.of("second", "third", "first"),
        jobs.stream().map(j -> j.error().orElseThrow().errorMessage()).toList());
    assertEquals(IllegalStateException.class.getName(),
        jobs.getFirst().error().orElseThrow().errorClass());
    assertEquals(List.of(1, 1, 1), jobs.stream().map(Job::retryCount).toList());
    assertEquals(3, store.count(Section.RETRIES));
    assertEquals(List.of("later"), ids(store.jobs(Section.SCHEDULED, 0, 10)));

    clock.set(minutes(10));
    assertEquals(List.of("c", "a"), ids(store.jobs(Section.RETRIES, 0, 10)),
        "a due retry is back in its queue");
    assertEquals(2, store.count(Section.RETRIES));
  }

  @Test
  void deadHoldsKilledJobsMostRecentlyDeadFirstWithTheirError() throws Exception {
    store.enqueue(List.of(Jobs.job(clock, "a"), Jobs.job(clock, "b"), Jobs.job(clock, "c")));
    List<Lease> leases = store.fetch(QUEUES, 3, Duration.ZERO);
    kill(leases.get(1), "died first");
    clock.advance(Duration.ofMinutes(1));
    kill(leases.get(0), "died second");
    clock.advance(Duration.ofMinutes(1));
    kill(leases.get(2), "died last");

    List<Job> jobs = store.jobs(Section.DEAD, 0, 10);
    assertEquals(List.of("c", "a", "b"), ids(jobs));
    assertEquals(List.of("died last", "died second", "died first"),
        jobs.stream().map(j -> j.error().orElseThrow().errorMessage()).toList());
    assertEquals(3, store.count(Section.DEAD));
    assertEquals(0, store.count(Section.RETRIES));
    assertEquals(0, store.count(Section.SCHEDULED));
  }

  @Test
  void pagesFollowTheSectionsOrder() {
    store.enqueue(List.of(scheduled("j5", 5), scheduled("j1", 1), scheduled("j4", 4),
        scheduled("j2", 2), scheduled("j3", 3)));

    assertEquals(List.of("j1", "j2"), ids(store.jobs(Section.SCHEDULED, 0, 2)));
    assertEquals(List.of("j3", "j4"), ids(store.jobs(Section.SCHEDULED, 2, 2)));
    assertEquals(List.of("j5"), ids(store.jobs(Section.SCHEDULED, 4, 2)));
    assertEquals(List.of(), store.jobs(Section.SCHEDULED, 5, 2));
    assertEquals(5, store.jobs(Section.SCHEDULED, 0, 1000).size());
  }

  @Test
  void aNegativeOffsetOrALimitOutOfRangeIsRefused() {
    IllegalArgumentException offset = assertThrows(IllegalArgumentException.class,
        () -> store.jobs(Section.DEAD, -1, 10));
    assertEquals("offset must be >= 0, was -1", offset.getMessage());
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
        () -> store.jobs(Section.DEAD, 0, 0));
    assertEquals("limit must be between 1 and 1000, was 0", zero.getMessage());
    IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
        () -> store.jobs(Section.RETRIES, 0, 1001));
    assertEquals("limit must be between 1 and 1000, was 1001", big.getMessage());
  }

  @Test
  void runNowMakesAScheduledJobDueAtOnce() throws Exception {
    store.enqueue(List.of(scheduled("s", 2)));

    assertTrue(store.runNow(Section.SCHEDULED, "s"));
    assertEquals(0, store.count(Section.SCHEDULED));
    assertFalse(store.runNow(Section.SCHEDULED, "s"), "no longer scheduled");
    assertEquals(List.of("s"), leased(store.fetch(QUEUES, 5, Duration.ZERO)));
  }

  @Test
  void runNowOfARetryMakesItFetchableAtOnceWithItsRetryCountAndError() throws Exception {
    store.enqueue(List.of(Jobs.job(clock, "r")));
    retry(store.fetch(QUEUES, 1, Duration.ZERO).getFirst(), "boom", 60 * 24);

    assertTrue(store.runNow(Section.RETRIES, "r"));
    assertEquals(0, store.count(Section.RETRIES));
    assertEquals(List.of(), store.jobs(Section.RETRIES, 0, 10));
    List<Lease> fetched = store.fetch(QUEUES, 5, Duration.ZERO);
    assertEquals(List.of("r"), leased(fetched));
    assertEquals(1, fetched.getFirst().job().retryCount());
    assertEquals("boom", fetched.getFirst().job().error().orElseThrow().errorMessage());
    assertFalse(store.runNow(Section.RETRIES, "r"), "running: in no section");
  }

  @Test
  void runNowOfADeadJobMakesItFetchableAtOnceWithItsRetryCountAndError() throws Exception {
    store.enqueue(List.of(Job.create("d", Worker.named("TestWorker").retry(1), "jobs", "[]",
        clock.instant())));
    retry(store.fetch(QUEUES, 1, Duration.ZERO).getFirst(), "first failure", 1);
    clock.set(minutes(1));
    Lease lease = store.fetch(QUEUES, 1, Duration.ZERO).getFirst();
    kill(lease, "second failure");
    assertEquals(1, store.count(Section.DEAD));

    assertTrue(store.runNow(Section.DEAD, "d"));
    assertEquals(0, store.count(Section.DEAD));
    assertEquals(0, store.count(Section.RETRIES));
    assertEquals(0, store.count(Section.SCHEDULED));
    assertEquals(1, store.stats().totalQueued());
    List<Lease> fetched = store.fetch(QUEUES, 5, Duration.ZERO);
    assertEquals(List.of("d"), leased(fetched));
    Job job = fetched.getFirst().job();
    assertEquals(1, job.retryCount());
    assertEquals("second failure", job.error().orElseThrow().errorMessage());
    assertFalse(store.runNow(Section.DEAD, "d"));
  }

  @Test
  void runNowWakesAFetchWaitingInAnotherProcess() throws Exception {
    store.enqueue(List.of(scheduled("s", 1)));
    try (JdbcJobStore worker = new JdbcJobStore(Db.settings(pg, prefix)
        .pollInterval(Duration.ofSeconds(30)).build(), clock)) {
      // the worker listens once a fetch waited
      assertEquals(List.of(), worker.fetch(QUEUES, 1, Duration.ofMillis(10)));
      CompletableFuture<List<Lease>> waiting = CompletableFuture.supplyAsync(() -> {
        try {
          return worker.fetch(QUEUES, 1, Duration.ofSeconds(20));
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      long started = System.nanoTime();
      assertTrue(store.runNow(Section.SCHEDULED, "s"));
      assertEquals(List.of("s"), leased(waiting.get(20, TimeUnit.SECONDS)));
      assertTrue(System.nanoTime() - started < Duration.ofSeconds(10).toNanos(),
          "woken by NOTIFY, not by its 30 s poll");
    }
  }

  /** Puts job "s" in SCHEDULED, "r" in RETRIES and "d" in DEAD. */
  private void oneInEachSection() throws Exception {
    store.enqueue(List.of(scheduled("s", 1), Jobs.job(clock, "r"), Jobs.job(clock, "d")));
    List<Lease> leases = store.fetch(QUEUES, 2, Duration.ZERO);
    retry(leases.get(0), "boom", 5);
    kill(leases.get(1), "bang");
  }

  @Test
  void anUnknownIdOrAnotherSectionIsLeftAloneAndAnswersFalse() throws Exception {
    oneInEachSection();

    assertFalse(store.runNow(Section.SCHEDULED, "unknown"));
    assertFalse(store.delete(Section.DEAD, "unknown"));
    assertFalse(store.runNow(Section.DEAD, "s"));
    assertFalse(store.runNow(Section.RETRIES, "s"));
    assertFalse(store.delete(Section.RETRIES, "s"));
    assertFalse(store.runNow(Section.SCHEDULED, "r"));
    assertFalse(store.delete(Section.DEAD, "r"));
    assertFalse(store.runNow(Section.RETRIES, "d"));
    assertFalse(store.delete(Section.SCHEDULED, "d"));

    assertEquals(List.of("s"), ids(store.jobs(Section.SCHEDULED, 0, 10)));
    assertEquals(List.of("r"), ids(store.jobs(Section.RETRIES, 0, 10)));
    assertEquals(List.of("d"), ids(store.jobs(Section.DEAD, 0, 10)));
    assertEquals(List.of(), store.fetch(QUEUES, 5, Duration.ZERO), "nothing became due");
  }

  @Test
  void deleteRemovesTheJobAndItsIdSoTheSameIdMakesANewJob() throws Exception {
    oneInEachSection();

    assertTrue(store.delete(Section.SCHEDULED, "s"));
    assertTrue(store.delete(Section.RETRIES, "r"));
    assertTrue(store.delete(Section.DEAD, "d"));
    assertFalse(store.delete(Section.DEAD, "d"), "already gone");
    for (Section section : Section.values()) {
      assertEquals(0, store.count(section), section.name());
    }
    assertEquals(0, Db.number(pg, "SELECT count(*) FROM " + prefix + "jobs"));
    clock.set(hours(2));
    assertEquals(List.of(), store.fetch(QUEUES, 5, Duration.ZERO));

    // no tombstone is left: the dead job's id enqueued again makes a new job
    store.enqueue(List.of(Jobs.job(clock, "d")));
    List<Lease> again = store.fetch(QUEUES, 5, Duration.ZERO);
    assertEquals(List.of("d"), leased(again));
    assertEquals(0, again.getFirst().job().retryCount());
  }

  @Test
  void aDatabaseOutOfReachIsAJobStoreUnavailableExceptionNamingIt() throws Exception {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(pg.jdbcUrl());
    dataSource.setUser(LocalPostgres.USER);
    dataSource.setPassword(LocalPostgres.PASSWORD);
    try (JdbcJobStore away = new JdbcJobStore(dataSource, JdbcSettings.builder()
        .jdbcUrl(pg.jdbcUrl()).tablePrefix(prefix).listen(false).build(), clock)) {
      dataSource.setPortNumbers(new int[] {closedPort()});
      String database = "PostgreSQL job store at " + pg.jdbcUrl() + ": ";
      assertFailure(database + "listing section dead failed: ",
          () -> away.jobs(Section.DEAD, 0, 10));
      assertFailure(database + "counting section retries failed: ",
          () -> away.count(Section.RETRIES));
      assertFailure(database + "running job x of section scheduled now failed: ",
          () -> away.runNow(Section.SCHEDULED, "x"));
      assertFailure(database + "deleting job x of section dead failed: ",
          () -> away.delete(Section.DEAD, "x"));
    }
  }

  private static void assertFailure(String messageStart, Runnable call) {
    JobStoreUnavailableException e = assertThrows(JobStoreUnavailableException.class,
        call::run);
    assertTrue(e.getMessage().startsWith(messageStart), e.getMessage());
  }

  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }

  private Job scheduled(String id, int hoursLater) {
    return Jobs.job(clock, id).scheduledAt(hours(hoursLater));
  }

  private void retry(Lease lease, String message, int minutesAfterStart) {
    store.retry(lease, lease.job().failed(error(lease, message), true),
        minutes(minutesAfterStart));
  }

  private void kill(Lease lease, String message) {
    store.kill(lease, lease.job().failed(error(lease, message), false));
  }

  private JobError error(Lease lease, String message) {
    return JobError.of(new IllegalStateException(message), clock.instant(),
        lease.job().error().orElse(null));
  }

  private Instant hours(int n) {
    return start.plus(Duration.ofHours(n));
  }

  private Instant minutes(int n) {
    return start.plus(Duration.ofMinutes(n));
  }

  private static List<String> ids(List<Job> jobs) {
    return jobs.stream().map(Job::id).toList();
  }

  private static List<String> leased(List<Lease> leases) {
    return leases.stream().map(l -> l.job().id()).toList();
  }
}
