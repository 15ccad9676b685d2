package io.karafka.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.cli.Installer;
import io.karafka.testkit.Await;
import io.karafka.testkit.EmbeddedKafka;
import io.karafka.testkit.LocalRedis;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.engine.discovery.DiscoverySelectors;

/**
 * {@code install} writes an application whose code compiles against the framework and whose test
 * passes (compiled with javac and run with the JUnit launcher here; the generated pom is built by
 * {@code ./mvnw verify} once the framework is in the local Maven repository, and the
 * distribution it builds runs the commands its README gives).
 */
class InstallIT {
  @TempDir
  Path dir;

  @Test
  void theSkeletonCompilesAndItsTestPasses() throws Exception {
    Path app = dir.resolve("shop");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertEquals(0, Installer.run(List.of("install", "shop", "--package", "com.acme.shop",
        "--dir", app.toString()), new PrintStream(out, true, StandardCharsets.UTF_8),
        System.err));
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("karafka install: created 18"
        + " files in " + app), out.toString(StandardCharsets.UTF_8));
    assertTrue(Files.isExecutable(app.resolve("mvnw")));
    assertTrue(Files.readString(app.resolve("pom.xml")).contains("<artifactId>karafka-bom"
        + "</artifactId>"));

    Path classes = dir.resolve("classes");
    List<String> sources;
    try (Stream<Path> files = Files.walk(app.resolve("src"))) {
      sources = files.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
    }
    List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp",
        System.getProperty("java.class.path"), "--release", "21"));
    args.addAll(sources);
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int compiled = ToolProvider.getSystemJavaCompiler().run(null, errors, errors,
        args.toArray(String[]::new));
    assertEquals(0, compiled, errors.toString(StandardCharsets.UTF_8));

    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
        getClass().getClassLoader())) {
      Thread thread = Thread.currentThread();
      ClassLoader previous = thread.getContextClassLoader();
      thread.setContextClassLoader(loader);
      try {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
            .selectors(DiscoverySelectors.selectClass(loader.loadClass(
                "com.acme.shop.OrdersCreateControllerTest"))).build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        launcher.execute(request, summary);
        assertEquals(2, summary.getSummary().getTestsSucceededCount(),
            () -> summary.getSummary().getFailures().toString());
        assertEquals(0, summary.getSummary().getTotalFailureCount());
      } finally {
        thread.setContextClassLoader(previous);
      }
    }
  }

  @Test
  void badNamesAndNonEmptyDirectoriesAreRefused() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
    assertEquals(2, Installer.run(List.of("install", "Shop!"), System.out, errors));
    assertEquals("karafka install: the name must be lower-case letters, digits, '_' or '-',"
        + " starting with a letter; got 'Shop!'\nUsage: karafka install NAME [--package PKG]"
        + " [--dir DIR]\n", err.toString(StandardCharsets.UTF_8));
    err.reset();
    Files.writeString(dir.resolve("existing.txt"), "x");
    assertEquals(1, Installer.run(List.of("install", "shop", "--dir", dir.toString()),
        System.out, errors));
    assertEquals("karafka install: " + dir + " is not empty; choose a new directory with"
        + " --dir\n", err.toString(StandardCharsets.UTF_8));
    assertTrue(new File(dir.toFile(), "existing.txt").exists());
  }

  /**
   * The generated project's own build and the commands its README gives: the framework's freshly
   * built jars are put into the local Maven repository (as {@code ./mvnw install} would), then
   * {@code ./mvnw -B verify} runs in the generated project (its test passes, its distribution
   * {@code target/shop} is built), then its launcher prints the routes, refuses a wrong command
   * with exit 2, and runs {@code server} and {@code worker} against a real broker and
   * redis-server: an order in on {@code orders_create}, its answer out on {@code orders_created}.
   */
  @Test
  void theSkeletonBuildsItsDistributionAndRunsAsItsReadmeSays() throws Exception {
    Path root = Path.of("").toAbsolutePath();
    while (!Files.exists(root.resolve("mvnw"))) {
      root = root.getParent();
    }
    Path repository = Path.of(System.getProperty("maven.repo.local",
        Path.of(System.getProperty("user.home"), ".m2", "repository").toString()));
    String version = "0.1.0-SNAPSHOT";
    publish(repository, "karafka-parent", root.resolve("pom.xml"), null, version);
    publish(repository, "karafka-bom", root.resolve("bom/pom.xml"), null, version);
    for (String module : List.of("karafka-core", "karafka-cli", "karafka-json",
        "karafka-kafka-adapter", "karafka-queue-redis", "karafka-queue-inline",
        "karafka-test-kit")) {
      Path jar = root.resolve(module).resolve("target").resolve(module + "-" + version + ".jar");
      assertTrue(Files.exists(jar), "the reactor builds " + jar + " before the examples");
      publish(repository, module, root.resolve(module).resolve("pom.xml"), jar, version);
    }
    Path app = dir.resolve("shop");
    assertEquals(0, Installer.run(List.of("install", "shop", "--dir", app.toString()),
        System.out, System.err));
    String readme = Files.readString(app.resolve("README.md"));
    for (String documented : List.of("./mvnw verify", "target/shop/bin/shop help",
        "target/shop/bin/shop server", "target/shop/bin/shop worker", "`orders_create`",
        "`{\"customer\":\"c1\",\"items\":2}`", "`orders_created`", "`KARAFKA_KAFKA_HOSTS",
        "`REDIS_URL`", "rsync -a --delete target/shop/ /opt/shop/", "jib:build")) {
      assertTrue(readme.contains(documented), "the README lacks " + documented + ":\n" + readme);
    }
    assertTrue(Files.readString(app.resolve("deploy/shop-worker.service"))
        .contains("\nExecStart=/opt/shop/bin/shop worker\n"));
    Process build = new ProcessBuilder("./mvnw", "-B", "-q", "verify",
        "-Dmaven.repo.local=" + repository).directory(app.toFile()).redirectErrorStream(true)
        .start();
    String output = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(build.waitFor(10, java.util.concurrent.TimeUnit.MINUTES), output);
    assertEquals(0, build.exitValue(), output);
    String report = Files.readString(app.resolve("target/surefire-reports/"
        + "com.example.shop.OrdersCreateControllerTest.txt"));
    assertTrue(report.contains("Tests run: 2, Failures: 0, Errors: 0"), report);

    AppLauncher shop = new AppLauncher(app.resolve("target/shop/bin/shop"), app, Map.of());
    assertTrue(Files.exists(app.resolve("target/shop/lib/shop-" + version + ".jar")));
    assertTrue(Files.exists(app.resolve("target/shop/config/karafka-production.properties")));
    AppLauncher.Result routes = shop.run("routes");
    assertEquals(0, routes.exit(), routes::toString);
    assertTrue(routes.out().startsWith("orders_create\n  group:        shop_orders_create\n"),
        routes::toString);
    AppLauncher.Result wrong = shop.run("frobnicate");
    assertEquals(2, wrong.exit(), wrong::toString);
    assertTrue(wrong.err().startsWith("karafka: unknown command 'frobnicate'\nUsage: karafka"
        + " COMMAND") && wrong.err().lines().count() == 2, wrong::toString);
    serveAnOrder(shop);
  }

  /** {@code server} and {@code worker} as the README runs them: an order in, its answer out. */
  private void serveAnOrder(AppLauncher shop) throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(); LocalRedis redis = LocalRedis.start()) {
      kafka.createTopics(Map.of("orders_create", 1, "orders_created", 1));
      AppLauncher local = shop.with("KARAFKA_KAFKA_HOSTS", kafka.bootstrapServers())
          .with("REDIS_URL", redis.url());
      Path serverLog = dir.resolve("server.log");
      Path workerLog = dir.resolve("worker.log");
      Process server = local.start(serverLog, "server");
      Process worker = local.start(workerLog, "worker");
      Supplier<String> logs = () -> "server:\n" + AppLauncher.read(serverLog) + "worker:\n"
          + AppLauncher.read(workerLog);
      try {
        Await.within(Duration.ofSeconds(60), "the server to consume",
            () -> AppLauncher.read(serverLog).contains("karafka server: consuming"));
        Map<String, Object> clients = Map.of("bootstrap.servers", kafka.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(clients,
            new StringSerializer(), new StringSerializer())) {
          producer.send(new ProducerRecord<>("orders_create", "{\"customer\":\"c1\","
              + "\"items\":2}")).get();
        }
        ConsumerRecord<String, String> answer = firstRecord(kafka, "orders_created", logs);
        assertEquals("c1", answer.key());
        assertEquals("{\"customer\":\"c1\",\"items\":2}", answer.value());
        server.destroy(); // SIGTERM, as systemd stops it
        worker.destroy();
        assertTrue(server.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), logs);
        assertTrue(worker.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), logs);
        assertEquals(0, server.exitValue(), logs);
        assertEquals(0, worker.exitValue(), logs);
      } finally {
        server.destroyForcibly();
        worker.destroyForcibly();
      }
    }
  }

  private static ConsumerRecord<String, String> firstRecord(EmbeddedKafka kafka, String topic,
      Supplier<String> logs) {
    Map<String, Object> config = Map.of("bootstrap.servers", kafka.bootstrapServers(),
        "group.id", "install-it", "auto.offset.reset", "earliest");
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config,
        new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < deadline) {
        var records = consumer.poll(Duration.ofMillis(500));
        if (!records.isEmpty()) {
          return records.iterator().next();
        }
      }
    }
    throw new AssertionError("no answer on " + topic + " within 60 s\n" + logs.get());
  }

  private static void publish(Path repository, String artifact, Path pom, Path jar,
                              String version) throws java.io.IOException {
    Path target = repository.resolve("io/karafka").resolve(artifact).resolve(version);
    Files.createDirectories(target);
    Files.copy(pom, target.resolve(artifact + "-" + version + ".pom"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    if (jar != null) {
      Files.copy(jar, target.resolve(artifact + "-" + version + ".jar"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Test
  void binKarafkaRunsTheInstallerOnAJdkOf21OrNewer() throws Exception {
    Path root = Path.of("").toAbsolutePath();
    while (!Files.exists(root.resolve("mvnw"))) {
      root = root.getParent();
    }
    Path app = dir.resolve("from-script");
    Process install = new ProcessBuilder(root.resolve("bin/karafka").toString(), "install",
        "orders", "--dir", app.toString()).redirectErrorStream(true).start();
    String output = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(install.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), output);
    assertEquals(0, install.exitValue(), output);
    assertTrue(output.startsWith("karafka install: created 18 files in " + app), output);
    assertTrue(Files.exists(app.resolve("src/main/java/com/example/orders/App.java")));
  }
}
