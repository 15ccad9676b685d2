package io.karafka.queue.jdbc;

import io.karafka.app.internal.ConfigCheck;
import io.karafka.app.ConfigurationException;
import io.karafka.app.JobSettings;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Settings of a {@link JdbcJobStore}: where PostgreSQL is, how big the pool is, the table prefix,
 * and how long leases, finished jobs and dead jobs last.
 *
 * <pre>{@code
 * JdbcSettings settings = JdbcSettings.builder()
 *     .jdbcUrl("jdbc:postgresql://db:5432/app")
 *     .username("app").password(System.getenv("DB_PASSWORD"))
 *     .jobs(app.config().jobs())          // dead-set caps of the app
 *     .build();
 * }</pre>
 *
 * {@link #toString()} masks the password. Immutable.
 *
 * @param jdbcUrl PostgreSQL JDBC URL; empty when the store is given a {@code DataSource}
 * @param username login role, if not in the URL
 * @param password its password, if not in the URL
 * @param poolSize connections the store uses for statements (default 10); one more is held
 *     for LISTEN when {@code listen} is on
 * @param connectionTimeout how long an operation waits for a connection before the store counts
 *     as unavailable (default 5 s)
 * @param tablePrefix prefix of every table, index, sequence and the notification channel
 *     (default {@code karafka_}): lowercase letters, digits and {@code _}, 1-40 characters
 * @param leaseTime how long a fetched job stays with its worker after the worker's process last
 *     renewed it (it renews every third of it while it lives, so jobs may run longer): a killed
 *     worker's jobs are given out again this long after it died, plus up to a
 *     housekeepingInterval (default 25 s: back within about 30 s). Shorter brings them back
 *     sooner, but a process cut off from the database for longer (a long GC pause, a network
 *     partition) may see its jobs run again elsewhere; a store that just had an outage itself
 *     waits a lease time before it gives anyone's leases back
 * @param pollInterval how often a waiting fetch looks again when no notification arrives: the
 *     polling fallback, and the precision of scheduled jobs and retries (default 1 s)
 * @param housekeepingInterval how often a store gives expired leases back, caps the dead set and
 *     purges finished jobs (default 5 s; each run does at most a few bounded statements)
 * @param retention how long completed jobs are kept with their payload, for history (default
 *     zero: deleted at once); a kept job does not hold its id
 * @param jobs the app's job settings, whose dead-set caps the store applies: at most
 *     {@code deadMaxJobs} dead jobs, kept {@code deadTimeout} (defaults 10,000 and 180 days);
 *     set with {@code .jobs(app.config().jobs())}, the one place they are configured
 * @param listen wake waiting fetches with LISTEN/NOTIFY (default true); false behind PgBouncer in
 *     transaction pooling mode, where LISTEN does not work: fetches then poll
 * @param autoMigrate create and migrate the tables at start (default true); false when the team
 *     runs {@link JdbcSchema#sql(String)} itself: the store then checks the schema version only
 * @param asyncLeaseCommits on the store's own pool, commit fetch, complete, retry, kill, release
 *     and housekeeping with {@code synchronous_commit = off} (default true): a crash of the
 *     database may forget the last fraction of a second of them, which only makes those jobs run
 *     again (at least once, as always); enqueue always commits with the server's durability
 */
public record JdbcSettings(Optional<String> jdbcUrl, Optional<String> username,
                           Optional<String> password, int poolSize, Duration connectionTimeout,
                           String tablePrefix, Duration leaseTime, Duration pollInterval,
                           Duration housekeepingInterval, Duration retention,
                           JobSettings jobs, boolean listen, boolean autoMigrate, boolean asyncLeaseCommits) {
  private static final Pattern PREFIX = Pattern.compile("[a-z_][a-z0-9_]{0,39}");
  private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");
  private static final Pattern URL_USERINFO = Pattern.compile("(//[^/:@]*:)[^/@]*@");

  /**
   * Validates every value, as {@link Builder#build()} does.
   *
   * @throws ConfigurationException listing every bad value, with its key, rule and fix
   */
  public JdbcSettings {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(jobs, "jobs");
    ConfigCheck check = new ConfigCheck();
    if (jdbcUrl.isPresent() && !jdbcUrl.get().startsWith("jdbc:postgresql:")) {
      check.add("jdbc.jdbcUrl", mask(jdbcUrl.get()), "must be a PostgreSQL JDBC URL"
          + " (jdbc:postgresql://host:port/database)",
          "set e.g. .jdbcUrl(\"jdbc:postgresql://localhost:5432/app\")");
    }
    check.range("jdbc.poolSize", poolSize, 1, 1000, "poolSize(10)");
    if (connectionTimeout == null || connectionTimeout.compareTo(Duration.ofMillis(250)) < 0) {
      check.add("jdbc.connectionTimeout", connectionTimeout, "must be at least 250 ms",
          "set e.g. .connectionTimeout(Duration.ofSeconds(5))");
    }
    checkTablePrefix(check, tablePrefix);
    check.positive("jdbc.leaseTime", leaseTime, "leaseTime(Duration.ofSeconds(25))");
    check.positive("jdbc.pollInterval", pollInterval, "pollInterval(Duration.ofSeconds(1))");
    check.positive("jdbc.housekeepingInterval", housekeepingInterval,
        "housekeepingInterval(Duration.ofSeconds(5))");
    if (retention == null || retention.isNegative()) {
      check.add("jdbc.retention", retention, "must be zero (delete at once) or positive",
          "set e.g. .retention(Duration.ZERO)");
    }
    check.throwIfAny();
  }

  /** The prefix goes into SQL as is: the settings and {@link JdbcSchema} check it alike. */
  static void checkTablePrefix(ConfigCheck check, String prefix) {
    if (prefix == null || !PREFIX.matcher(prefix).matches()) {
      check.add("jdbc.tablePrefix", prefix, "must be 1-40 characters from [a-z0-9_], not"
          + " starting with a digit", "set e.g. .tablePrefix(\"karafka_\")");
    }
  }

  /** @return a builder with every default */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the JDBC URL with any password in it replaced by {@code ***}, for messages */
  public String maskedUrl() {
    return jdbcUrl.map(JdbcSettings::mask).orElse("(DataSource)");
  }

  @Override
  public String toString() {
    return "JdbcSettings[jdbcUrl=" + maskedUrl() + ", username=" + username.orElse("")
        + ", password=" + (password.isPresent() ? "***" : "") + ", poolSize=" + poolSize
        + ", connectionTimeout=" + connectionTimeout + ", tablePrefix=" + tablePrefix
        + ", leaseTime=" + leaseTime + ", pollInterval=" + pollInterval
        + ", housekeepingInterval=" + housekeepingInterval + ", retention=" + retention
        + ", deadMaxJobs=" + jobs.deadMaxJobs() + ", deadTimeout="
        + jobs.deadTimeout() + ", listen=" + listen + ", autoMigrate=" + autoMigrate
        + ", asyncLeaseCommits=" + asyncLeaseCommits + "]";
  }

  static String mask(String url) {
    String masked = URL_PASSWORD.matcher(url).replaceAll("$1***");
    return URL_USERINFO.matcher(masked).replaceAll("$1***@");
  }

  /** Builds {@link JdbcSettings}; {@link #build()} reports every bad value at once. */
  public static final class Builder {
    private String jdbcUrl;
    private String username;
    private String password;
    private int poolSize = 10;
    private Duration connectionTimeout = Duration.ofSeconds(5);
    private String tablePrefix = "karafka_";
    private Duration leaseTime = Duration.ofSeconds(25);
    private Duration pollInterval = Duration.ofSeconds(1);
    private Duration housekeepingInterval = Duration.ofSeconds(5);
    private Duration retention = Duration.ZERO;
    private JobSettings jobs;
    private boolean listen = true;
    private boolean autoMigrate = true;
    private boolean asyncLeaseCommits = true;

    private Builder() {}

    /** E.g. {@code jdbc:postgresql://db:5432/app}. @return this */
    public Builder jdbcUrl(String value) {
      this.jdbcUrl = value;
      return this;
    }

    /** @return this */
    public Builder username(String value) {
      this.username = value;
      return this;
    }

    /** @return this */
    public Builder password(String value) {
      this.password = value;
      return this;
    }

    /** Default 10. @return this */
    public Builder poolSize(int value) {
      this.poolSize = value;
      return this;
    }

    /** Default 5 s, at least 250 ms. @return this */
    public Builder connectionTimeout(Duration value) {
      this.connectionTimeout = value;
      return this;
    }

    /** Default {@code karafka_}. @return this */
    public Builder tablePrefix(String value) {
      this.tablePrefix = value;
      return this;
    }

    /** Default 25 s (renewed every third of it while the holder lives). @return this */
    public Builder leaseTime(Duration value) {
      this.leaseTime = value;
      return this;
    }

    /** Default 1 s. @return this */
    public Builder pollInterval(Duration value) {
      this.pollInterval = value;
      return this;
    }

    /** Default 5 s. @return this */
    public Builder housekeepingInterval(Duration value) {
      this.housekeepingInterval = value;
      return this;
    }

    /** Default zero: completed jobs are deleted at once. @return this */
    public Builder retention(Duration value) {
      this.retention = value;
      return this;
    }

    /**
     * The app's job settings ({@code app.config().jobs()}): the store applies their dead-set caps,
     * {@code deadMaxJobs} and {@code deadTimeout}. Default {@link JobSettings#defaults()}.
     *
     * @return this
     */
    public Builder jobs(JobSettings value) {
      this.jobs = Objects.requireNonNull(value, "jobs");
      return this;
    }

    /** Default true; false behind PgBouncer's transaction pooling. @return this */
    public Builder listen(boolean value) {
      this.listen = value;
      return this;
    }

    /** Default true; false when migrations are run by hand. @return this */
    public Builder autoMigrate(boolean value) {
      this.autoMigrate = value;
      return this;
    }

    /** Default true: lease commits do not wait for the disk (see the record's javadoc). */
    public Builder asyncLeaseCommits(boolean value) {
      this.asyncLeaseCommits = value;
      return this;
    }

    /**
     * @return the settings
     * @throws ConfigurationException listing every bad value
     */
    public JdbcSettings build() {
      return new JdbcSettings(Optional.ofNullable(jdbcUrl), Optional.ofNullable(username),
          Optional.ofNullable(password), poolSize, connectionTimeout, tablePrefix, leaseTime,
          pollInterval, housekeepingInterval, retention,
          jobs != null ? jobs : JobSettings.defaults(), listen, autoMigrate, asyncLeaseCommits);
    }
  }
}
