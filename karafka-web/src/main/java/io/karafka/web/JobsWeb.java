package io.karafka.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.karafka.app.ConfigProblem;
import io.karafka.app.ConfigurationException;
import io.karafka.app.KarafkaApp;
import io.karafka.consumer.ConsumerGroups;
import io.karafka.job.JobBrowser;
import io.karafka.job.JobStore;
import io.karafka.job.JobStoreUnavailableException;
import io.karafka.monitor.Dependencies;
import io.karafka.monitor.Dependency;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The job queue's web UI, the Java counterpart of the Sidekiq Web UI the original framework
 * ships: a dashboard of any {@link JobStore} (processed, failed, running, queues, scheduled,
 * retries, dead) and, when the store is also a {@link JobBrowser} (Redis, JDBC, in-memory), the
 * scheduled, retrying and dead jobs with their errors, each with "run now" and "delete". The
 * consumers page ({@code /consumers}) shows each consumer group's lag per partition and who
 * holds it ({@link Builder#consumers}, asked of the cluster), the servers and worker processes,
 * and this process's recent errors ({@link RecentErrors}). Served by the JDK's own HTTP server:
 * no dependency, no servlet container.
 *
 * <p>Password protected by default, like the original: HTTP Basic with the credentials given
 * (put TLS in front of it, e.g. your usual reverse proxy, when it leaves the machine). Forms carry
 * a per-process token, so another site cannot make a logged-in browser act. Binds 127.0.0.1:9292
 * unless told otherwise. {@code GET /stats.json} gives the numbers to monitoring.
 *
 * <pre>{@code
 * try (JobsWeb web = JobsWeb.builder(store).credentials("admin", System.getenv("WEB_PASSWORD"))
 *     .build().start()) {
 *   System.out.println("job queue UI at " + web.url());
 *   ...
 * }
 * }</pre>
 *
 * Thread-safe.
 */
public final class JobsWeb implements AutoCloseable {
  private static final int PAGE = 25;

  private final JobStore store;
  private final String host;
  private final int port;
  private final Login login;
  private final String title;
  private final Duration refresh;
  private final Clock clock;
  private final String token;
  private final Dependency storeState;
  private final Consumers consumers;
  private HttpServer server;
  private ExecutorService executor;

  private JobsWeb(Builder b) {
    this.store = b.store;
    this.host = b.host;
    this.port = b.port;
    this.login = new Login(b.user, b.password, b.title);
    this.title = b.title;
    this.refresh = b.refresh;
    this.clock = b.clock;
    this.storeState = b.dependencies.track("job store (web UI)", store.address(), "the web UI"
        + " answers 503 until it is back");
    this.consumers = new Consumers(store, storeState, b.groups, b.topics, b.errors,
        b.dependencies, clock);
    byte[] random = new byte[16];
    new SecureRandom().nextBytes(random);
    this.token = HexFormat.of().formatHex(random);
  }

  /**
   * @param store the job store to show (the app's {@code RedisJobStore} or {@code JdbcJobStore})
   * @return a builder; {@link Builder#build()} checks the settings
   */
  public static Builder builder(JobStore store) {
    return new Builder(store);
  }

  /**
   * Starts serving.
   *
   * @return this
   * @throws IllegalStateException when the address cannot be bound (named in the message)
   */
  public synchronized JobsWeb start() {
    if (server != null) {
      throw new IllegalStateException("the web UI is already started at " + url());
    }
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 50);
    } catch (IOException e) {
      throw new IllegalStateException("the job queue web UI cannot listen on " + host + ":"
          + port + " (" + e.getMessage() + "); choose another with .bind(host, port)", e);
    }
    executor = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "karafka-web");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
    return this;
  }

  /** @return the address served, e.g. {@code http://127.0.0.1:9292/} (the real port if 0) */
  public String url() {
    int actual = server == null ? port : server.getAddress().getPort();
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + actual + "/";
  }

  /** Stops serving (requests in flight get a second to finish). The store stays open. */
  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop(1);
      executor.shutdownNow();
      server = null;
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!login.admits(exchange)) {
        Http.send(exchange, 401, "text/plain", "log in to see the job queue");
        return;
      }
      exchange.getResponseHeaders().add("X-Frame-Options", "DENY");
      exchange.getResponseHeaders().add("Content-Security-Policy",
          "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
      exchange.getResponseHeaders().add("Cache-Control", "no-store");
      String path = exchange.getRequestURI().getRawPath();
      String method = exchange.getRequestMethod();
      try {
        route(exchange, method, path);
      } catch (JobStoreUnavailableException e) {
        storeState.failed(e);
        Http.send(exchange, 503, "text/html", Html.page(title, "Job store unavailable", 0,
            "<p class=\"error\">" + Html.escape(e.getMessage()) + "</p>"));
      } catch (IllegalArgumentException e) {
        Http.send(exchange, 400, "text/plain", e.getMessage());
      }
    }
  }

  private void route(HttpExchange exchange, String method, String path) throws IOException {
    String[] parts = path.split("/");
    Optional<JobBrowser.Section> section = section(parts.length > 1 ? parts[1] : "");
    if (method.equals("GET") && path.equals("/")) {
      answer(exchange, 200, "text/html", Html.page(title, "Dashboard", refresh.toSeconds(),
          Html.dashboard(store.stats(), browser().isPresent())));
    } else if (method.equals("GET") && path.equals("/consumers")) {
      Http.send(exchange, 200, "text/html", Html.page(title, "Consumers", refresh.toSeconds(),
          consumers.page()));
    } else if (method.equals("GET") && path.equals("/stats.json")) {
      answer(exchange, 200, "application/json", Html.statsJson(store.stats()));
    } else if (method.equals("GET") && section.isPresent() && path.equals("/" + name(section
        .get()))) {
      JobBrowser browser = browser().orElseThrow(() -> new IllegalArgumentException(
          "this job store cannot list jobs (it is no JobBrowser)"));
      int page = Math.max(1, Http.number(Http.query(exchange).get("page"), 1));
      answer(exchange, 200, "text/html", Html.page(title, Html.titleOf(section.get()), 0,
          Html.section(section.get(), browser.jobs(section.get(), (page - 1) * PAGE, PAGE),
              browser.count(section.get()), page, PAGE, token, clock.instant())));
    } else if (method.equals("POST") && section.isPresent()
        && path.matches("/[a-z]+/[^/]+/(run|delete)")) {
      act(exchange, section.get(), parts[2], parts[3]);
    } else {
      Http.send(exchange, 404, "text/plain", "no page " + path);
    }
  }

  private void act(HttpExchange exchange, JobBrowser.Section section, String jobId,
                   String action) throws IOException {
    Map<String, String> form = Http.form(exchange);
    if (!MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
        form.getOrDefault("token", "").getBytes(StandardCharsets.UTF_8))) {
      Http.send(exchange, 403, "text/plain", "the form is stale or came from another site; reload"
          + " the page and try again");
      return;
    }
    JobBrowser browser = browser().orElseThrow(() -> new IllegalArgumentException(
        "this job store cannot act on jobs (it is no JobBrowser)"));
    String id = URLDecoder.decode(jobId, StandardCharsets.UTF_8);
    boolean done = action.equals("run") ? browser.runNow(section, id)
        : browser.delete(section, id);
    exchange.getResponseHeaders().add("Location", "/" + name(section) + "?done="
        + (done ? action : "gone"));
    answer(exchange, 303, "text/plain", done ? action + ": " + id : id + " is gone");
  }

  /**
   * Sends a reply built from the store: the store answered, so it is up, and that is recorded
   * before the client can see the reply.
   */
  private void answer(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    storeState.succeeded();
    Http.send(exchange, status, type, body);
  }

  private Optional<JobBrowser> browser() {
    return store instanceof JobBrowser b ? Optional.of(b) : Optional.empty();
  }

  static String name(JobBrowser.Section section) {
    return section.name().toLowerCase(Locale.ROOT);
  }

  private static Optional<JobBrowser.Section> section(String name) {
    for (JobBrowser.Section s : JobBrowser.Section.values()) {
      if (name(s).equals(name)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** Collects settings; {@link #build()} names every bad one at once. */
  public static final class Builder {
    private final JobStore store;
    private String host = "127.0.0.1";
    private int port = 9292;
    private String user;
    private String password;
    private boolean open;
    private String title = "Karafka";
    private Duration refresh = Duration.ofSeconds(5);
    private Clock clock = Clock.systemUTC();
    private Dependencies dependencies;
    private ConsumerGroups groups;
    private Map<String, List<String>> topics = Map.of();
    private RecentErrors errors;

    private Builder(JobStore store) {
      this.store = Objects.requireNonNull(store, "store");
    }

    /** Where to listen; default 127.0.0.1:9292, port 0 for any free one. @return this */
    public Builder bind(String value, int portNumber) {
      this.host = value;
      this.port = portNumber;
      return this;
    }

    /** The login (HTTP Basic); required unless {@link #withoutLogin()}. @return this */
    public Builder credentials(String userName, String userPassword) {
      this.user = userName;
      this.password = userPassword;
      return this;
    }

    /** Serves without a login: only behind something that authenticates. @return this */
    public Builder withoutLogin() {
      this.open = true;
      return this;
    }

    /** The app's name in page titles; default "Karafka". @return this */
    public Builder title(String value) {
      this.title = value;
      return this;
    }

    /** How often the dashboard reloads itself; default 5 s, zero for never. @return this */
    public Builder refresh(Duration value) {
      this.refresh = value;
      return this;
    }

    /**
     * Where the store's outages and recoveries seen by the web UI are told (dependency
     * {@code "job store (web UI)"}); default: the {@code io.karafka} log. Pass
     * {@code app.dependencies()} to tell the app's monitor. @return this
     */
    public Builder dependencies(Dependencies value) {
      this.dependencies = Objects.requireNonNull(value, "dependencies");
      return this;
    }

    /**
     * Shows the app's consumer groups on the consumers page: for each partition of their topics
     * the committed offset, the log end, the lag and the member holding it (host and pid), and
     * the groups' members as the servers. The UI does not close {@code groups}.
     *
     * @param value e.g. the Kafka adapter's {@code new KafkaConsumerGroups(app)}
     * @param app whose routes name the groups and topics ({@link ConsumerGroups#topicsOf})
     * @return this
     */
    public Builder consumers(ConsumerGroups value, KarafkaApp app) {
      return consumers(value, ConsumerGroups.topicsOf(Objects.requireNonNull(app, "app")));
    }

    /**
     * As {@link #consumers(ConsumerGroups, KarafkaApp)}, for groups and topics named by hand.
     *
     * @param value what asks the cluster
     * @param topicsByGroup each consumer group and Kafka's names of its topics
     * @return this
     */
    public Builder consumers(ConsumerGroups value, Map<String, List<String>> topicsByGroup) {
      this.groups = Objects.requireNonNull(value, "consumers");
      this.topics = Map.copyOf(topicsByGroup);
      return this;
    }

    /**
     * Shows these errors on the consumers page: the same instance the app's monitor tells
     * ({@code Monitor.combine(..., errors)}); they are this process's only. @return this
     */
    public Builder recentErrors(RecentErrors value) {
      this.errors = Objects.requireNonNull(value, "recentErrors");
      return this;
    }

    /** The clock for "in 5 min" / "3 min ago"; default UTC system time. @return this */
    public Builder clock(Clock value) {
      this.clock = value;
      return this;
    }

    /**
     * @return the web UI, not started
     * @throws ConfigurationException naming every bad setting
     */
    public JobsWeb build() {
      List<ConfigProblem> problems = new ArrayList<>();
      if (host == null || host.isBlank()) {
        problems.add(new ConfigProblem("web.host", host, "must name an address to listen on",
            "use e.g. .bind(\"127.0.0.1\", 9292)"));
      }
      if (port < 0 || port > 65_535) {
        problems.add(new ConfigProblem("web.port", port, "must be from 0 to 65535",
            "use e.g. .bind(\"127.0.0.1\", 9292)"));
      }
      if (open && user != null) {
        problems.add(new ConfigProblem("web.credentials", user, "are set together with"
            + " withoutLogin()", "choose one of them"));
      } else if (!open && (user == null || user.isEmpty() || user.contains(":")
          || password == null || password.length() < 8)) {
        problems.add(new ConfigProblem("web.credentials", user == null ? "none" : user,
            "are required (the UI can delete jobs): a user name without ':' and a password of"
                + " at least 8 characters", ".credentials(\"admin\","
                + " System.getenv(\"JOBS_WEB_PASSWORD\")), or .withoutLogin() behind a proxy"
                + " that authenticates"));
      }
      if (refresh == null || refresh.isNegative()) {
        problems.add(new ConfigProblem("web.refresh", refresh, "must be zero or positive",
            "use e.g. .refresh(Duration.ofSeconds(5))"));
      }
      if (title == null || title.isBlank()) {
        problems.add(new ConfigProblem("web.title", title, "must not be blank",
            "use e.g. .title(\"shop\")"));
      }
      Objects.requireNonNull(clock, "clock");
      if (dependencies == null) {
        dependencies = Dependencies.standalone();
      }
      if (!problems.isEmpty()) {
        throw new ConfigurationException(problems);
      }
      return new JobsWeb(this);
    }
  }
}
