package io.karafka.queue.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.karafka.app.ConfigurationException;
import io.karafka.job.ConsumedJobs;
import io.karafka.job.Job;
import io.karafka.job.JobBrowser;
import io.karafka.job.JobStore;
import io.karafka.job.JobStoreStats;
import io.karafka.job.JobStoreUnavailableException;
import io.karafka.job.Lease;
import io.karafka.job.ProcessInfo;
import io.karafka.monitor.Dependencies;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * A {@link JobStore} on PostgreSQL (13 or newer), through a HikariCP pool: jobs live in one table
 * ({@code <prefix>jobs}, see {@link JdbcSchema}), so they are as durable as the database, and can
 * be enqueued in the application's own transaction ({@link #enqueue(Connection, List)}).
 *
 * <ul>
 *   <li>Enqueue: one statement per 1,000 jobs, all in one transaction; an id the table holds
 *       (waiting, running, dead) is ignored (the primary key arbitrates between processes); a
 *       completed job's row is deleted (or, with {@code retention}, kept without holding its id).
 *       The consumer's batches ({@link #enqueue(ConsumedJobs)}) also lock and move their
 *       partition's watermark in {@code <prefix>offsets} in the same transaction, so a message
 *       consumed again after its job completed is skipped: the table's size follows jobs in
 *       flight and partitions, not messages.</li>
 *   <li>Fetch: {@code SELECT ... FOR UPDATE SKIP LOCKED} picks up to {@code max} due jobs of a
 *       queue, oldest first, and leases them in the same statement (token and expiry); due means
 *       by the injected {@link Clock}, not the database's clock. Waiting fetches are woken at once
 *       by LISTEN/NOTIFY, and poll every {@code pollInterval} anyway.</li>
 *   <li>Complete, retry, kill and release act only on the job of that lease token, if it is still
 *       running: ending a lease twice, or after it expired and was given to another worker, does
 *       nothing. {@link #completeAll} completes many leases in one statement.</li>
 *   <li>Leases: each names this store's process ({@code lease_owner}), which renews them every
 *       third of {@code leaseTime} while it lives; a killed process's leases expire one lease
 *       time after its last renewal. The renewals are its heartbeat in the process list.</li>
 *   <li>Housekeeping (at most every {@code housekeepingInterval}, during fetch and complete):
 *       gives expired leases back (a {@code JobsRecovered} event names whose; skipped for a
 *       lease time after this store's own outage, so live owners can renew first), caps the
 *       dead set by count and age, purges finished jobs in batches.</li>
 *   <li>Browsing ({@link JobBrowser}): scheduled jobs are waiting rows due later, retries are
 *       failed ones due later (a due retry is back in its queue), dead jobs are rows in state
 *       {@code dead}, most recently dead first. Each action is one statement scoped by its
 *       section, so a job fetched meanwhile is left alone. {@link #processes()} lists the
 *       rows of {@code <prefix>processes} whose heartbeat is younger than the lease time.</li>
 * </ul>
 *
 * <pre>{@code
 * try (JdbcJobStore store = new JdbcJobStore(JdbcSettings.builder()
 *     .jdbcUrl("jdbc:postgresql://db:5432/app").username("app").password(secret)
 *     .jobs(app.config().jobs()).build(), Clock.systemUTC())) {
 *   ...
 * }
 * }</pre>
 *
 * Every failure to reach the database is a {@link JobStoreUnavailableException} naming the JDBC
 * URL (password masked). Thread-safe; no thread is started until a fetch first waits.
 */
public final class JdbcJobStore implements JobStore, JobBrowser {

  private final JdbcConnections connections;
  private final HikariDataSource ownPool;
  private final JdbcSettings settings;
  private final Clock clock;
  private final String description;
  private final JobTable table;
  private final Browsing browsing;
  private final Upkeep upkeep;
  private final Notifications notifications;
  private final LeaseKeeper leases;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Enqueues enqueues;

  /**
   * Opens a pool on {@link JdbcSettings#jdbcUrl()} and creates or migrates the tables.
   *
   * @param settings where and how; {@code jdbcUrl} is required
   * @param clock time of scheduling, leases and retention
   * @throws ConfigurationException when no JDBC URL is set, or the schema is too old and
   *     {@code autoMigrate} is off
   * @throws JobStoreUnavailableException when the database cannot be reached
   */
  public JdbcJobStore(JdbcSettings settings, Clock clock) {
    this(settings, clock, Dependencies.standalone());
  }

  /**
   * As {@link #JdbcJobStore(JdbcSettings, Clock)}, telling the app's dependency states when the
   * LISTEN connection is lost and back ({@code app.dependencies()}).
   */
  public JdbcJobStore(JdbcSettings settings, Clock clock, Dependencies dependencies) {
    this(null, settings, clock, Pools.open(settings), dependencies);
  }

  /**
   * Uses the application's {@link DataSource} (not closed by {@link #close()}) and creates or
   * migrates the tables. {@code jdbcUrl}, {@code username}, {@code password} and
   * {@code poolSize} are not used; a set {@code jdbcUrl} names the database in messages. With
   * {@code listen} on, one connection of that pool is held for LISTEN once a fetch waits.
   *
   * @throws JobStoreUnavailableException when the database cannot be reached
   */
  public JdbcJobStore(DataSource dataSource, JdbcSettings settings, Clock clock) {
    this(dataSource, settings, clock, Dependencies.standalone());
  }

  /**
   * As {@link #JdbcJobStore(DataSource, JdbcSettings, Clock)}, telling the app's dependency
   * states when the LISTEN connection is lost and back ({@code app.dependencies()}).
   */
  public JdbcJobStore(DataSource dataSource, JdbcSettings settings, Clock clock,
                      Dependencies dependencies) {
    this(Objects.requireNonNull(dataSource, "dataSource"), settings, clock, null, dependencies);
  }

  private JdbcJobStore(DataSource given, JdbcSettings settings, Clock clock,
                       HikariDataSource pool, Dependencies dependencies) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ownPool = pool;
    DataSource dataSource = pool != null ? pool : given;
    this.description = settings.maskedUrl();
    this.connections = new JdbcConnections(dataSource, description, clock);
    JobSql sql = new JobSql(settings.tablePrefix(), settings.retention().isPositive());
    JdbcProcesses processes = new JdbcProcesses(settings, clock, LeaseKeeper.owner());
    this.table = new JobTable(sql, settings, clock, processes.identity());
    this.leases = new LeaseKeeper(dataSource, table, processes, connections::failed);
    this.upkeep = new Upkeep(new Housekeeper(sql, settings, clock), connections, settings, clock,
        Objects.requireNonNull(dependencies, "dependencies").monitor(), description);
    this.notifications = Notifications.of(dataSource, sql.channel, settings, dependencies,
        description);
    this.browsing = new Browsing(connections, new JobSections(settings.tablePrefix(),
        sql.channel, clock), notifications, processes);
    this.enqueues = new Enqueues(connections, table, notifications, pool != null
        && settings.asyncLeaseCommits() ? "SET LOCAL synchronous_commit TO DEFAULT" : null);
    try (Connection connection = dataSource.getConnection()) {
      JdbcSchema.prepare(connection, settings, description);
    } catch (SQLException e) {
      closePool();
      throw connections.unavailable("creating the tables", e);
    } catch (RuntimeException e) {
      closePool();
      throw e;
    }
  }

  @Override
  public void enqueue(List<Job> jobs) {
    enqueues.jobs(Objects.requireNonNull(jobs, "jobs"));
  }

  /**
   * Enqueues the jobs past their partition's watermark and moves it, in one transaction that
   * holds the watermark's row: two consumers enqueueing the same partition take turns. With an
   * unknown topic id, as {@link #enqueue(List)}.
   */
  @Override
  public List<Long> enqueue(ConsumedJobs consumed) {
    return enqueues.consumed(Objects.requireNonNull(consumed, "consumed"));
  }

  /**
   * Enqueues on the application's connection, inside its open transaction, without committing:
   * the jobs exist if and only if that transaction commits (waiting fetches are notified at
   * commit). Same id rules as {@link #enqueue(List)}.
   *
   * <pre>{@code
   * try (Connection c = dataSource.getConnection()) {
   *   c.setAutoCommit(false);
   *   insertOrder(c, order);
   *   store.enqueue(c, List.of(job));
   *   c.commit();
   * }
   * }</pre>
   *
   * @param connection a connection to the store's database, with auto-commit off
   * @throws IllegalArgumentException when the connection is in auto-commit mode
   * @throws JobStoreUnavailableException when a statement fails (the transaction is then
   *     aborted: roll it back)
   */
  public void enqueue(Connection connection, List<Job> jobs) {
    enqueues.inCallers(Objects.requireNonNull(connection, "connection"),
        Objects.requireNonNull(jobs, "jobs"));
  }

  @Override
  public List<Lease> fetch(List<String> queues, int max, Duration wait)
      throws InterruptedException {
    Objects.requireNonNull(queues, "queues");
    Objects.requireNonNull(wait, "wait");
    if (max < 1) {
      throw new IllegalArgumentException("max must be >= 1, was " + max);
    }
    connections.requireOpen();
    long waitNanos = wait.compareTo(Duration.ofDays(1)) > 0 ? Duration.ofDays(1).toNanos()
        : Math.max(0, wait.toNanos());
    long deadline = System.nanoTime() + waitNanos;
    if (waitNanos > 0) {
      notifications.start();
    }
    leases.start();
    while (true) {
      long seen = notifications.generation();
      List<Lease> taken = connections.on(() -> "fetching jobs of " + queues, connection -> {
        upkeep.ifDue(connection);
        return table.lease(connection, queues, max, List.of());
      });
      if (taken.size() == max && waitNanos > 0) {
        notifications.signal(); // there may be more: pass the wake-up on
      }
      long left = deadline - System.nanoTime();
      if (!taken.isEmpty() || left <= 0) {
        return taken;
      }
      notifications.await(seen, Math.min(left, settings.pollInterval().toNanos()));
      connections.requireOpen();
    }
  }

  @Override
  public void complete(Lease lease) {
    completeAll(List.of(Objects.requireNonNull(lease, "lease")));
  }

  /**
   * Completes many leases in one statement: what {@link #complete} does for each, with one round
   * trip and one commit. Leases already ended are skipped.
   */
  @Override
  public void completeAll(List<Lease> leases) {
    Objects.requireNonNull(leases, "leases");
    connections.requireOpen();
    List<Lease> valid = leases.stream().filter(l -> JobTable.isLeaseToken(l.token())).toList();
    if (valid.isEmpty()) {
      return;
    }
    connections.on(() -> "completing " + valid.size() + " job(s)", connection -> {
      table.complete(connection, valid);
      return null;
    });
    upkeep.quietlyIfDue();
  }

  /**
   * Completes leases and takes up to {@code max} more without waiting, in one statement and one
   * commit (for the first queue; the others as in {@link #fetch}): the tight loop of a batch
   * worker, {@code leases = store.completeAllAndFetch(leases, queues, 100)}.
   *
   * @return the new leases, possibly empty
   */
  @Override
  public List<Lease> completeAllAndFetch(List<Lease> done, List<String> queues, int max) {
    Objects.requireNonNull(done, "done");
    Objects.requireNonNull(queues, "queues");
    if (max < 1) {
      throw new IllegalArgumentException("max must be >= 1, was " + max);
    }
    connections.requireOpen();
    List<Lease> valid = done.stream().filter(l -> JobTable.isLeaseToken(l.token())).toList();
    if (queues.isEmpty()) {
      completeAll(valid);
      return List.of();
    }
    List<Lease> taken = connections.on(() -> "completing " + valid.size() + " job(s) and"
        + " fetching jobs of " + queues, connection -> table.lease(connection, queues, max,
        valid));
    upkeep.quietlyIfDue();
    return taken;
  }

  @Override
  public void retry(Lease lease, Job failed, Instant at) {
    Objects.requireNonNull(at, "at");
    fail(lease, failed, at, false);
  }

  @Override
  public void kill(Lease lease, Job failed) {
    fail(lease, failed, clock.instant(), true);
  }

  private void fail(Lease lease, Job failed, Instant at, boolean dead) {
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(failed, "failed");
    connections.requireOpen();
    if (!JobTable.isLeaseToken(lease.token())) {
      return;
    }
    connections.on(() -> (dead ? "killing job " : "retrying job ") + lease.job().id(),
        connection -> {
          table.fail(connection, lease, failed, at, dead);
          return null;
        });
  }

  @Override
  public void release(Lease lease) {
    Objects.requireNonNull(lease, "lease");
    connections.requireOpen();
    if (!JobTable.isLeaseToken(lease.token())) {
      return;
    }
    connections.on(() -> "releasing job " + lease.job().id(), connection -> {
      table.release(connection, lease);
      return null;
    });
    notifications.signal();
  }

  @Override
  public JobStoreStats stats() {
    connections.requireOpen();
    return connections.on(() -> "reading stats", table::stats);
  }

  /** Reads the section at the store's clock: scheduled jobs and retries due later. */
  @Override
  public List<Job> jobs(Section section, int offset, int limit) {
    return browsing.jobs(Objects.requireNonNull(section, "section"), offset, limit);
  }

  @Override
  public long count(Section section) {
    return browsing.count(Objects.requireNonNull(section, "section"));
  }

  /**
   * Makes the job due now (a dead one waiting again, its error and retry count kept) and wakes
   * waiting fetches of every store on the table, as an enqueue does.
   */
  @Override
  public boolean runNow(Section section, String jobId) {
    return browsing.runNow(Objects.requireNonNull(section, "section"),
        Objects.requireNonNull(jobId, "jobId"));
  }

  /**
   * Deletes the job's row: the same id enqueued again makes a new job at once (a message consumed
   * again is still told by its partition's watermark).
   */
  @Override
  public boolean delete(Section section, String jobId) {
    return browsing.delete(Objects.requireNonNull(section, "section"),
        Objects.requireNonNull(jobId, "jobId"));
  }

  @Override
  public List<ProcessInfo> processes() {
    return browsing.processes();
  }

  /**
   * Runs housekeeping now, whatever the interval: expired leases back to their queues, dead-set
   * caps, a bounded purge of finished jobs.
   *
   * @return how many expired leases were given back
   */
  public int housekeep() {
    connections.requireOpen();
    return connections.on(() -> "housekeeping", upkeep::run);
  }

  /** Stops the LISTEN thread and closes the pool the store opened (not a given DataSource). */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      connections.close();
      leases.close();
      notifications.close();
      closePool();
    }
  }

  @Override
  public String address() {
    return description;
  }

  @Override
  public String toString() {
    return "JdbcJobStore[" + description + ", prefix " + settings.tablePrefix() + "]";
  }

  private void closePool() {
    if (ownPool != null) {
      ownPool.close();
    }
  }
}
