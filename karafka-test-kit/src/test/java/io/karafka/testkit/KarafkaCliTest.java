package io.karafka.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.app.JobSettings;
import io.karafka.app.KarafkaApp;
import io.karafka.cli.KarafkaCli;
import io.karafka.consumer.Subscription;
import io.karafka.server.KarafkaServer;
import io.karafka.testkit.TestControllers.BatchController;
import io.karafka.testkit.TestControllers.EchoController;
import io.karafka.worker.KarafkaWorker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

public class KarafkaCliTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Recorder recorder = new Recorder();

  private KarafkaApp app() {
    return TestApps.app(c -> c.name("cli_app").jobs(j -> j.prefetch(25))
            .kafka(k -> k.hosts("127.0.0.1:9092")
            .property("sasl.jaas.config", "user=\"u\" password=\"hunter2\"")),
        r -> {
          r.topic("zebra").controller(() -> new BatchController(recorder)).batchMode(true)
              .inlineMode(true);
          r.topic("echo").controller(() -> new EchoController(recorder)).group("echoes");
        });
  }

  private KarafkaCli.Builder cli(KarafkaApp app) {
    return KarafkaCli.builder(app).out(new PrintStream(out, true, StandardCharsets.UTF_8))
        .err(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private static final String USAGE = "Usage: karafka COMMAND [OPTIONS]; commands: help, console,"
      + " flow, info, install, routes, server, worker (karafka help COMMAND for details)\n";

  @Test
  public void helpListsEveryCommand() {
    assertEquals(0, cli(app()).build().run("help"));
    assertTrue(out().startsWith("Karafka for Java: cli_app (development)\n\nCommands:\n"
        + "  help [COMMAND]       Describe the commands, or one command\n"), out());
    for (String command : List.of("console", "flow", "info", "routes", "server", "worker")) {
      assertTrue(out().contains("\n  " + command + " "), command);
    }
    assertEquals(0, cli(app()).build().run());
  }

  @Test
  public void helpDescribesOneCommandByNameOrAlias() {
    assertEquals(0, cli(app()).build().run("help", "w"));
    assertTrue(out().startsWith("Usage: karafka worker [--concurrency N] [--queues Q1:3,Q2]"
        + " [--virtual-threads]\n"), out());
  }

  @Test
  public void wrongUsageIsOneLineThenTheUsageAndExitCode2() {
    assertEquals(2, cli(app()).build().run("frobnicate"));
    assertEquals("karafka: unknown command 'frobnicate'\n" + USAGE, err());
    err.reset();
    assertEquals(2, cli(app()).build().run("help", "nope"));
    assertEquals("karafka help: unknown command 'nope'\n" + USAGE, err());
    err.reset();
    assertEquals(2, cli(app()).build().run("routes", "--verbose"));
    assertEquals("karafka routes: unknown option '--verbose'\n" + USAGE, err());
    err.reset();
    assertEquals(2, cli(app()).server((a, g) -> null).build().run("server", "--include-groups"));
    assertEquals("karafka server: --include-groups needs a value\n" + USAGE, err());
    err.reset();
    assertEquals(2, cli(app()).server((a, g) -> null).build().run("s", "--exclude-groups",
        "ghosts"));
    assertEquals("karafka server: unknown consumer group 'ghosts'; the app's groups:"
        + " [cli_app_zebra, echoes]\n" + USAGE, err());
    err.reset();
    assertEquals(2, cli(app()).worker((a, j) -> null).build().run("worker", "--concurrency",
        "many"));
    assertEquals("karafka worker: --concurrency must be a whole number from 1 to 10000, got"
        + " 'many'\n" + USAGE, err());
    err.reset();
    assertEquals(2, cli(app()).worker((a, j) -> null).build().run("worker", "--queues",
        "bad queue"));
    assertEquals("karafka worker: --queues takes name or name:weight items, got 'bad queue'\n"
        + USAGE, err());
  }

  @Test
  public void routesAreListedAlphabeticallyWithEveryOption() {
    assertEquals(0, cli(app()).build().run("routes"));
    assertEquals("""
        echo
          group:        echoes
          controller:   io.karafka.testkit.TestControllers$EchoController
          worker:       EchoWorker (queue default, retry 25)
          parser:       io.karafka.testkit.InMemoryParser
          interchanger: io.karafka.testkit.InMemoryInterchanger
          responder:    io.karafka.testkit.TestControllers$EchoResponder
          inline:       false
          batch:        false
        zebra
          group:        cli_app_zebra
          controller:   io.karafka.testkit.TestControllers$BatchController
          parser:       io.karafka.testkit.InMemoryParser
          interchanger: io.karafka.testkit.InMemoryInterchanger
          responder:    -
          inline:       true
          batch:        true
        """, out());
  }

  @Test
  public void flowShowsWhereEachTopicLeadsInTheOriginalFormat() {
    assertEquals(0, cli(app()).build().run("flow"));
    assertEquals("""
        echo =>
          - echoed: (always, exactly once)
          - audit:  (conditionally, exactly once)
        zebra => (nothing)
        """, out());
  }

  @Test
  public void infoPrintsTheConfigurationWithSecretsMasked() {
    assertEquals(0, cli(app()).build().run("info"));
    assertTrue(out().startsWith("name:                 cli_app\nenvironment:          "
        + "development\n"), out());
    for (String line : List.of("kafka\n  hosts:              127.0.0.1:9092\n",
        "  sasl.jaas.config:   ****\n",
        "  polls:              500 records, a virtual thread per partition, per key at most 1000"
            + " at once\n",
        "  failures:           5 attempts, back-off PT1S to PT1M, dead letters none (retried"
            + " forever)\n",
        "jobs\n  workers:            10 threads, prefetch 25, poll every PT1S\n",
        "  job store:          wired in the application's main (its server and worker)\n",
        "health port:          none\n", "routes:               2\n")) {
      assertTrue(out().contains(line), line + " in\n" + out());
    }
    assertTrue(!out().contains("hunter2"), out());
    assertTrue(!out().contains("KafkaSettings["), "no raw records: " + out());
  }

  @Test
  public void commandsTheAppDidNotWireFailWithExitCode1() {
    assertEquals(1, cli(app()).build().run("server"));
    assertEquals("karafka server: this application wires no server: pass"
        + " KarafkaCli.Builder#server(...) in its main\n", err());
    err.reset();
    assertEquals(1, cli(app()).build().run("console"));
    assertEquals("karafka console: this application sets no console snippet: pass"
        + " KarafkaCli.Builder#console(\"com.acme.App.build()\") in its main\n", err());
  }

  @Test
  public void serverConsumesTheChosenGroupsUntilStopped() throws Exception {
    InMemoryMessageSource source = new InMemoryMessageSource(MutableClock.now());
    AtomicReference<KarafkaServer> launched = new AtomicReference<>();
    KarafkaCli cli = cli(app()).server((a, groups) -> {
      launched.set(KarafkaServer.builder(a).source(source).producer(new InMemoryProducer())
          .jobQueue(new InMemoryJobStore(MutableClock.now())).consumerGroups(groups).build());
      return launched.get();
    }).build();
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
        () -> cli.run("server", "--exclude-groups", "cli_app_zebra"));
    Await.within(Duration.ofSeconds(20), "subscriptions", () -> !source.subscriptions()
        .isEmpty());
    assertEquals(List.of("echoes"), source.subscriptions().stream().map(Subscription::group)
        .toList());
    launched.get().close();
    assertEquals(0, exit.get(20, TimeUnit.SECONDS));
    assertTrue(out().startsWith("karafka server: consuming [echoes] (development)"), out());
  }

  @Test
  public void anAppWithBadSettingsBootedByTheCliPrintsEveryProblemAndExits78() {
    KarafkaCli cli = KarafkaCli.builder(() -> KarafkaApp.builder()
            .setup(c -> c.name("bad name").kafka(k -> k.hosts("localhost")))
            .routes(r -> r.topic("echoes").controller(() -> new EchoController(recorder)))
            .build())
        .out(new PrintStream(out, true, StandardCharsets.UTF_8))
        .err(new PrintStream(err, true, StandardCharsets.UTF_8)).build();

    assertEquals(78, cli.run("routes"));
    assertEquals(List.of("karafka routes: Invalid Karafka configuration (2 problems):",
        "  - name = 'bad name': must be 1-200 characters from [A-Za-z0-9._-] (it becomes part of"
            + " consumer group names). Fix: use e.g. .name(\"my_application\")",
        "  - kafka.hosts = 'localhost': each host must be host:port with a port from 1 to 65535."
            + " Fix: set e.g. .hosts(\"127.0.0.1:9092\")"), err().lines().toList());
    assertEquals("", out());
  }

  @Test
  public void anAppWithABadRouteBootedByTheCliPrintsOneLineAndExits78() {
    KarafkaCli cli = KarafkaCli.builder(() -> TestApps.app(
            r -> r.topic("bad topic").controller(() -> new EchoController(recorder))))
        .err(new PrintStream(err, true, StandardCharsets.UTF_8)).build();

    assertEquals(78, cli.run("server"));
    assertEquals(List.of("karafka server: route 'bad topic': topic name 'bad topic' is not legal"
        + " in Kafka: use only ASCII letters, digits, '.', '_' and '-'"), err().lines().toList());
  }

  @Test
  public void aServerSaysConnectingUntilItsGroupsHavePartitionsThenConsuming() throws Exception {
    java.util.concurrent.atomic.AtomicBoolean assigned =
        new java.util.concurrent.atomic.AtomicBoolean();
    io.karafka.consumer.MessageSource connecting = new io.karafka.consumer.MessageSource() {
      @Override
      public void start(List<Subscription> subscriptions, io.karafka.consumer.BatchHandler h) {
      }

      @Override
      public boolean assigned() {
        return assigned.get();
      }

      @Override
      public void close() {
      }
    };
    AtomicReference<KarafkaServer> launched = new AtomicReference<>();
    KarafkaCli cli = cli(app()).server((a, groups) -> {
      launched.set(KarafkaServer.builder(a).source(connecting).producer(new InMemoryProducer())
          .jobQueue(new InMemoryJobStore(MutableClock.now())).consumerGroups(groups).build());
      return launched.get();
    }).build();
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.run("server"));
    Await.within(Duration.ofSeconds(20), "connecting", () -> out().contains(
        "karafka server: connecting to Kafka at "));
    assertTrue(!out().contains("consuming"), out());
    assigned.set(true);
    Await.within(Duration.ofSeconds(20), "consuming", () -> out().contains(
        "karafka server: consuming "));
    launched.get().close();
    assertEquals(0, exit.get(20, TimeUnit.SECONDS));
  }

  @Test
  public void aServerWhoseConsumerDiesStopsAndExits1SayingWhy() throws Exception {
    InMemoryMessageSource source = new InMemoryMessageSource(MutableClock.now());
    RecordingMonitor monitor = new RecordingMonitor();
    KarafkaCli cli = cli(app().withMonitor(monitor)).server((a, groups) -> KarafkaServer
        .builder(a).source(source).producer(new InMemoryProducer())
        .jobQueue(new InMemoryJobStore(MutableClock.now())).build()).build();
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.run("server"));
    Await.within(Duration.ofSeconds(20), "subscriptions", () -> !source.subscriptions()
        .isEmpty());
    source.failFatally(new IllegalStateException("the consumer thread died"));
    assertEquals(1, exit.get(20, TimeUnit.SECONDS));
    assertEquals("karafka server: stopped, its consumer failed: java.lang.IllegalStateException:"
        + " the consumer thread died\n", err());
    assertEquals("server (stopping: its consumer failed)", monitor.events(
        io.karafka.monitor.Event.ErrorOccurred.class).getFirst().source());
  }

  @Test
  public void workerRunsWithTheCommandLinesConcurrencyAndQueues() throws Exception {
    AtomicReference<JobSettings> settings = new AtomicReference<>();
    AtomicReference<KarafkaWorker> launched = new AtomicReference<>();
    KarafkaCli cli = cli(app()).worker((a, jobs) -> {
      settings.set(jobs);
      launched.set(KarafkaWorker.builder(a, new InMemoryJobStore(MutableClock.now()),
          new InMemoryProducer()).settings(jobs).build());
      return launched.get();
    }).build();
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
        () -> cli.run("w", "--concurrency=3", "--queues", "critical:2,default",
            "--virtual-threads"));
    // printed once the worker started: closing it earlier would make start() fail
    Await.within(Duration.ofSeconds(20), "the worker started", () -> out().contains(
        "karafka worker: 3 threads on [critical,2, default]"));
    launched.get().close();
    assertEquals(0, exit.get(20, TimeUnit.SECONDS));
    assertEquals(3, settings.get().concurrency());
    assertEquals(List.of("critical,2", "default"), settings.get().queues());
    assertTrue(settings.get().virtualThreads());
    assertEquals(app().config().jobs().prefetch(), settings.get().prefetch());
  }

  @Test
  public void serverAndWorkerServeHealthOnTheirPort() throws Exception {
    int serverPort = freePort();
    AtomicReference<KarafkaServer> server = new AtomicReference<>();
    KarafkaCli cli = cli(app()).server((a, groups) -> {
      server.set(KarafkaServer.builder(a).source(new InMemoryMessageSource(MutableClock.now()))
          .producer(new InMemoryProducer()).jobQueue(new InMemoryJobStore(MutableClock.now()))
          .consumerGroups(groups).build());
      return server.get();
    }).build();
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
        () -> cli.run("server", "--health-port", String.valueOf(serverPort)));
    Await.within(Duration.ofSeconds(20), "consuming", () -> out().contains("consuming"));
    assertTrue(out().startsWith("karafka server: health on port " + serverPort + ":"
        + " /health/live, /health/ready, /metrics (no metrics: see karafka-micrometer)\n"), out());
    assertEquals(200, status(serverPort, "/health/ready"));
    server.get().close();
    assertEquals(0, exit.get(20, TimeUnit.SECONDS));
    assertThrows(java.net.ConnectException.class, () -> status(serverPort, "/health/live"),
        "the endpoint stops with the server");

    out.reset();
    int workerPort = freePort();
    AtomicReference<KarafkaWorker> worker = new AtomicReference<>();
    KarafkaApp configured = TestApps.app(c -> c.name("cli_app").healthPort(workerPort),
        r -> r.topic("echo").controller(() -> new EchoController(recorder)));
    KarafkaCli workerCli = cli(configured).worker((a, jobs) -> {
      worker.set(KarafkaWorker.builder(a, new InMemoryJobStore(MutableClock.now()),
          new InMemoryProducer()).settings(jobs).build());
      return worker.get();
    }).build();
    CompletableFuture<Integer> workerExit = CompletableFuture.supplyAsync(
        () -> workerCli.run("worker"));
    Await.within(Duration.ofSeconds(20), "the worker started", () -> out().contains(
        "karafka worker: "));
    assertTrue(out().startsWith("karafka worker: health on port " + workerPort), out());
    assertEquals(200, status(workerPort, "/health/live"));
    worker.get().close();
    assertEquals(0, workerExit.get(20, TimeUnit.SECONDS));
  }

  @Test
  public void aHealthPortInUseOrNotANumberIsNamed() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
      AtomicReference<KarafkaServer> server = new AtomicReference<>();
      KarafkaCli cli = cli(app()).server((a, groups) -> {
        server.set(KarafkaServer.builder(a).source(new InMemoryMessageSource(
            MutableClock.now())).producer(new InMemoryProducer()).jobQueue(new InMemoryJobStore(
            MutableClock.now())).consumerGroups(groups).build());
        return server.get();
      }).build();
      assertEquals(1, cli.run("server", "--health-port", String.valueOf(taken.getLocalPort())));
      assertTrue(err().startsWith("karafka server: the health endpoint cannot listen on port "
          + taken.getLocalPort() + " ("), err());
      assertTrue(err().endsWith("; choose another port (--health-port or health.port)\n"),
          err());
      assertTrue(!server.get().running(), "nothing was started");
    }
    err.reset();
    assertEquals(2, cli(app()).build().run("worker", "--health-port", "abc"));
    assertTrue(err().startsWith("karafka worker: --health-port must be a whole number from 1"
        + " to 65535"), err());
  }

  @Test
  public void theFrameworksOwnCommandLineAnswersHelpAndUnknownWordsWithoutCreatingAnApp()
      throws Exception {
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    java.nio.file.Path cwd = java.nio.file.Path.of("").toAbsolutePath();
    for (String help : List.of("help", "--help", "-h")) {
      out.reset();
      assertEquals(0, io.karafka.cli.Installer.command(List.of(help), o, e), help);
      assertTrue(out().startsWith("Usage: bin/karafka install NAME"), out());
    }
    assertEquals(2, io.karafka.cli.Installer.command(List.of("routes"), o, e));
    assertTrue(err().startsWith("karafka: unknown command 'routes'; this command line only"
        + " creates applications"), err());
    err.reset();
    assertEquals(2, io.karafka.cli.Installer.command(List.of(), o, e));
    assertTrue(err().startsWith("karafka: name a command\nUsage: bin/karafka install"), err());
    for (String word : List.of("help", "routes", "--help", "-h")) {
      assertTrue(!java.nio.file.Files.exists(cwd.resolve(word)), "created an app " + word);
    }
  }

  private static int freePort() throws java.io.IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static int status(int port, String path) throws Exception {
    return HttpAnswer.get("http://127.0.0.1:" + port + path).status();
  }
}
