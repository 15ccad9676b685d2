package io.karafka.cli;

import io.karafka.KarafkaException;
import io.karafka.app.JobSettings;
import io.karafka.app.KarafkaApp;
import io.karafka.cli.internal.Daemon;
import io.karafka.cli.internal.HealthEndpoint;
import io.karafka.cli.internal.Options;
import io.karafka.cli.internal.Printers;
import io.karafka.health.Health;
import io.karafka.health.HealthServer;
import io.karafka.server.KarafkaServer;
import io.karafka.worker.KarafkaWorker;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The command line of a Karafka application (the original framework's {@code karafka} command),
 * run from the application's own {@code main}:
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *   System.exit(KarafkaCli.builder(App::build)    // built by the CLI: bad settings exit 78
 *       .server((a, groups) -> KarafkaServer.builder(a).source(new KafkaMessageSource(a))
 *           .producer(producer).jobQueue(store).consumerGroups(groups).build())
 *       .worker((a, jobs) -> KarafkaWorker.builder(a, store, producer).settings(jobs).build())
 *       .build()
 *       .run(args));
 * }
 * }</pre>
 *
 * Commands: {@code help [COMMAND]}, {@code routes}, {@code flow}, {@code info}, {@code server}
 * (alias {@code s}), {@code worker} ({@code w}), {@code console} ({@code c}). Exit codes: 0 done,
 * 1 failed (the error is printed), 2 wrong usage (one line naming the problem, then the usage),
 * 78 the app's configuration or routes are invalid (one line naming every problem; sysexits'
 * {@code EX_CONFIG}: a supervisor should not restart it until the configuration changes).
 * {@code server} and {@code worker} run until SIGTERM or SIGINT, then stop gracefully within their
 * shutdown timeouts (exit 0); a second signal during the stop forces the exit at once (exit 130
 * for SIGINT, 143 for SIGTERM).
 */
public final class KarafkaCli {
  /** Exit code of an invalid configuration or routes (sysexits' EX_CONFIG). */
  public static final int INVALID_CONFIGURATION = 78;

  private final java.util.function.Supplier<KarafkaApp> boot;
  private KarafkaApp app;
  private final ServerLauncher server;
  private final WorkerLauncher worker;
  private final String console;
  private final PrintStream out;
  private final PrintStream err;

  private KarafkaCli(Builder b) {
    this.boot = b.boot;
    this.server = b.server;
    this.worker = b.worker;
    this.console = b.console;
    this.out = b.out;
    this.err = b.err;
  }

  /** @return a builder for the command line of an app built already */
  public static Builder builder(KarafkaApp app) {
    Objects.requireNonNull(app, "app");
    return new Builder(() -> app);
  }

  /**
   * @param boot builds the app ({@code App::build}); the CLI calls it first, so that invalid
   *     settings or routes print one line naming every problem and exit 78 instead of a stack
   *     trace ({@code install} does not boot the app)
   * @return a builder for the app's command line
   */
  public static Builder builder(java.util.function.Supplier<KarafkaApp> boot) {
    return new Builder(Objects.requireNonNull(boot, "boot"));
  }

  /**
   * Runs one command.
   *
   * @return the exit code: 0 done, 1 failed, 2 wrong usage
   */
  public int run(String... args) {
    List<String> list = Arrays.asList(args);
    String command = list.isEmpty() ? "help" : Help.ALIASES.getOrDefault(list.getFirst(),
        list.getFirst());
    List<String> rest = list.isEmpty() ? List.of() : list.subList(1, list.size());
    if (!command.equals("install") && app == null) {
      try {
        app = Objects.requireNonNull(boot.get(), "the app the CLI booted");
      } catch (io.karafka.app.ConfigurationException | io.karafka.routing.RoutingException e) {
        err.println("karafka " + command + ": " + e.getMessage());
        return INVALID_CONFIGURATION;
      } catch (RuntimeException e) {
        err.println("karafka " + command + ": the app failed to boot: " + e);
        return 1;
      }
    }
    try {
      switch (command) {
        case "help", "--help", "-h" -> help(rest);
        case "routes" -> print(command, rest, Printers.routes(app));
        case "flow" -> print(command, rest, Printers.flow(app));
        case "info" -> print(command, rest, Printers.info(app));
        case "server" -> server(rest);
        case "worker" -> worker(rest);
        case "console" -> {
          return console(rest);
        }
        case "install" -> {
          return Installer.run(rest, out, err);
        }
        default -> throw new UsageException("karafka: unknown command '" + command + "'");
      }
      return 0;
    } catch (UsageException e) {
      err.println(e.getMessage());
      err.println(usage());
      return 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    } catch (KarafkaException e) {
      err.println("karafka " + command + ": " + e.getMessage());
      return 1;
    } catch (Exception e) {
      err.println("karafka " + command + ": " + e);
      return 1;
    }
  }

  private static String usage() {
    return "Usage: karafka COMMAND [OPTIONS]; commands: " + String.join(", ", Help.COMMANDS.keySet())
        + " (karafka help COMMAND for details)";
  }

  private void help(List<String> rest) {
    if (rest.size() > 1) {
      throw new UsageException("karafka help: give at most one command");
    }
    if (rest.isEmpty()) {
      out.println("Karafka for Java: " + app.name() + " (" + app.env() + ")\n\nCommands:");
      Help.COMMANDS.values().forEach(line -> out.println("  " + line));
      out.println("\nRun 'karafka help COMMAND' for a command's options.");
      return;
    }
    String name = Help.ALIASES.getOrDefault(rest.getFirst(), rest.getFirst());
    String detail = Help.DETAILS.get(name);
    if (detail == null) {
      throw new UsageException("karafka help: unknown command '" + rest.getFirst() + "'");
    }
    out.println(detail);
  }

  private void print(String command, List<String> rest, String text) {
    Options.parse(command, rest, Set.of(), Set.of());
    out.print(text);
  }

  private void server(List<String> rest) throws Exception {
    Options options = Options.parse("server", rest, Set.of("--include-groups",
        "--exclude-groups", "--pid-file", "--log-file", "--health-port"), Set.of("--daemon"));
    int healthPort = healthPort("server", options);
    if (server == null) {
      throw new KarafkaException("this application wires no server: pass"
          + " KarafkaCli.Builder#server(...) in its main");
    }
    List<String> include = options.list("--include-groups");
    List<String> exclude = options.list("--exclude-groups");
    List<String> known = app.routes().stream().map(r -> r.group()).toList();
    for (List<String> named : Arrays.asList(include, exclude)) {
      if (named != null) {
        for (String group : named) {
          if (!known.contains(group)) {
            throw new UsageException("karafka server: unknown consumer group '" + group
                + "'; the app's groups: " + known);
          }
        }
      }
    }
    Predicate<String> groups = g -> (include == null || include.contains(g))
        && (exclude == null || !exclude.contains(g));
    if (options.has("--daemon")) {
      Daemon.start(rest, Path.of(options.has("--pid-file") ? options.get("--pid-file")
          : "karafka.pid"), Path.of(options.has("--log-file") ? options.get("--log-file")
          : "karafka.log"), out);
      return;
    }
    String pidFile = System.getenv("KARAFKA_PID_FILE");
    if (pidFile != null) {
      Path pid = Path.of(pidFile);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          Files.deleteIfExists(pid);
        } catch (java.io.IOException e) {
          // the pid file stays; the next --daemon start overwrites it
        }
      }, "karafka-pid-file"));
    }
    KarafkaServer running = server.launch(app, groups);
    // bound before the start, so that a port in use stops nothing that runs
    try (HealthServer health = HealthEndpoint.start("server", healthPort,
        Health.of(app).server(running), out)) {
      Signals.onStop(running::close, err);
      running.start();
      serve(running, known.stream().filter(groups).toList());
    }
  }

  private void serve(KarafkaServer running, List<String> groups) throws Exception {
    String consuming = "karafka server: consuming " + groups + " (" + app.env() + "); stop with"
        + " SIGTERM or Ctrl-C";
    if (running.consuming()) {
      out.println(consuming);
    } else {
      out.println("karafka server: connecting to Kafka at " + String.join(",",
          app.config().kafka().hosts()) + " for " + groups + " (" + app.env() + ")");
      Thread.ofPlatform().daemon().name("karafka-server-started").start(() -> {
        try {
          while (!running.consuming()) {
            if (running.failure().isPresent() || stoppedWithin(running)) {
              return;
            }
          }
          out.println(consuming);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
    }
    running.awaitShutdown();
    if (running.failure().isPresent()) {
      Throwable failure = running.failure().get();
      throw new KarafkaException("stopped, its consumer failed: " + failure, failure);
    }
  }

  /** @return whether the server stopped, after waiting up to 100 ms for it */
  private static boolean stoppedWithin(KarafkaServer running) throws InterruptedException {
    return running.awaitShutdown(java.time.Duration.ofMillis(100));
  }

  private void worker(List<String> rest) throws Exception {
    Options options = Options.parse("worker", rest, Set.of("--concurrency", "--queues",
        "--health-port"), Set.of("--virtual-threads"));
    int healthPort = healthPort("worker", options);
    if (worker == null) {
      throw new KarafkaException("this application wires no worker: pass"
          + " KarafkaCli.Builder#worker(...) in its main");
    }
    JobSettings d = app.config().jobs();
    int concurrency = options.integer("worker", "--concurrency", 1, 10_000, d.concurrency());
    List<String> queues = d.queues();
    if (options.has("--queues")) {
      queues = new ArrayList<>();
      for (String q : options.list("--queues")) {
        String entry = q.trim().replace(':', ',');
        if (!entry.matches("[A-Za-z0-9._-]{1,200}(,[1-9][0-9]{0,3})?")) {
          throw new UsageException("karafka worker: --queues takes name or name:weight items,"
              + " got '" + q + "'");
        }
        queues.add(entry);
      }
    }
    JobSettings jobs = new JobSettings(concurrency, d.virtualThreads()
        || options.has("--virtual-threads"), queues, d.retry(), d.retryPolicy(), d.timeout(),
        d.shutdownTimeout(), d.pollInterval(), d.deadMaxJobs(), d.deadTimeout(), d.prefetch());
    KarafkaWorker running = worker.launch(app, jobs);
    try (HealthServer health = HealthEndpoint.start("worker", healthPort,
        Health.of(app).worker(running), out)) {
      Signals.onStop(running::close, err);
      running.start();
      out.println("karafka worker: " + concurrency + " threads on " + jobs.queues() + " ("
          + app.env() + "); stop with SIGTERM or Ctrl-C");
      running.awaitShutdown();
    }
  }

  /** @return {@code --health-port}, else the app's {@code health.port}; 0 for none */
  private int healthPort(String command, Options options) {
    return options.integer(command, "--health-port", 1, 65535, app.config().healthPort());
  }

  private int console(List<String> rest) throws Exception {
    Options.parse("console", rest, Set.of(), Set.of());
    if (console == null) {
      throw new KarafkaException("this application sets no console snippet: pass"
          + " KarafkaCli.Builder#console(\"com.acme.App.build()\") in its main");
    }
    Path jshell = Path.of(System.getProperty("java.home"), "bin", "jshell");
    if (!Files.isExecutable(jshell)) {
      throw new KarafkaException("needs JShell, which this Java runtime at "
          + System.getProperty("java.home") + " lacks; run it on a JDK 21 or newer (set"
          + " JAVA_HOME to one)");
    }
    Path startup = Files.createTempFile("karafka-console", ".jsh");
    Files.writeString(startup, "var app = " + console + ";\nSystem.out.println(\"app: \" + app"
        + ");\n", StandardCharsets.UTF_8);
    try {
      Process process = new ProcessBuilder(jshell.toString(), "--class-path",
          System.getProperty("java.class.path"), "--startup", "DEFAULT", "--startup",
          startup.toString()).inheritIO().start();
      return process.waitFor();
    } finally {
      Files.deleteIfExists(startup); // no karafka-console*.jsh left in the temporary folder
    }
  }

  /** Wires the command line. */
  public static final class Builder {
    private final java.util.function.Supplier<KarafkaApp> boot;
    private ServerLauncher server;
    private WorkerLauncher worker;
    private String console;
    private PrintStream out = System.out;
    private PrintStream err = System.err;

    private Builder(java.util.function.Supplier<KarafkaApp> boot) {
      this.boot = boot;
    }

    /** How {@code server} builds the server. @return this */
    public Builder server(ServerLauncher value) {
      this.server = value;
      return this;
    }

    /** How {@code worker} builds the worker. @return this */
    public Builder worker(WorkerLauncher value) {
      this.worker = value;
      return this;
    }

    /** The Java expression {@code console} evaluates into {@code app}. @return this */
    public Builder console(String bootExpression) {
      this.console = bootExpression;
      return this;
    }

    /** Where normal output goes (default System.out). @return this */
    public Builder out(PrintStream value) {
      this.out = Objects.requireNonNull(value, "out");
      return this;
    }

    /** Where errors go (default System.err). @return this */
    public Builder err(PrintStream value) {
      this.err = Objects.requireNonNull(value, "err");
      return this;
    }

    /** @return the command line */
    public KarafkaCli build() {
      return new KarafkaCli(this);
    }
  }
}
