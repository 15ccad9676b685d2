package io.karafka.examples.users;

import io.karafka.app.KarafkaApp;
import io.karafka.job.JobStore;
import io.karafka.kafka.KafkaMessageSource;
import io.karafka.kafka.KafkaProducerPool;
import io.karafka.monitor.Event;
import io.karafka.monitor.Monitor;
import io.karafka.producer.OutgoingMessage;
import io.karafka.producer.Partitioning;
import io.karafka.queue.redis.RedisJobStore;
import io.karafka.queue.redis.RedisSettings;
import io.karafka.routing.Route;
import io.karafka.server.KarafkaServer;
import io.karafka.testkit.EmbeddedKafka;
import io.karafka.testkit.InMemoryJobStore;
import io.karafka.testkit.LocalRedis;
import io.karafka.worker.KarafkaWorker;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Runs the example app against Kafka: the brokers in {@code KAFKA_HOSTS}, or, when it is unset,
 * an embedded broker started in this JVM. Produces sample messages, consumes them through the
 * routes (a background route with callbacks and a responder, a batch-mode inline route with a
 * CSV parser and its own group), enqueues the background jobs to Redis ({@code REDIS_URL}, or a
 * redis-server it starts) where a separate worker process performs them, reads the responses
 * back from Kafka and prints what happened. Without Redis it falls back to an in-memory store.
 */
public final class Demo {
  private static final Duration LIMIT = Duration.ofSeconds(60);

  private Demo() {}

  /** Runs the demo; exits non-zero when the expected work did not happen in time. */
  public static void main(String[] args) throws Exception {
    PrintStream out = System.out;
    String hosts = System.getenv("KAFKA_HOSTS");
    EmbeddedKafka embedded = null;
    if (hosts == null || hosts.isBlank()) {
      out.println("KAFKA_HOSTS is not set: starting an embedded Kafka broker in this JVM...");
      embedded = EmbeddedKafka.start();
      hosts = embedded.bootstrapServers();
      embedded.createTopics(Map.of("acme.users_create", 3, "acme.users_created", 3,
          "acme.seniors_created", 1, "acme.audit_events", 2));
    }
    out.println("Kafka at " + hosts);
    if (args.length > 0 && args[0].equals("postgres")) {
      try (io.karafka.testkit.LocalPostgres postgres =
               io.karafka.testkit.LocalPostgres.start(true)) {
        out.println("started PostgreSQL at " + postgres.jdbcUrl());
        run(hosts, null, postgres.jdbcUrl(), out);
      } finally {
        if (embedded != null) {
          embedded.close();
        }
      }
      return;
    }
    LocalRedis localRedis = null;
    String redisUrl = System.getenv("REDIS_URL");
    if ((redisUrl == null || redisUrl.isBlank()) && LocalRedis.available()) {
      localRedis = LocalRedis.start();
      redisUrl = localRedis.url();
      out.println("REDIS_URL is not set: started redis-server at " + redisUrl);
    }
    try {
      run(hosts, redisUrl, null, out);
    } finally {
      if (localRedis != null) {
        localRedis.close();
      }
      if (embedded != null) {
        embedded.close();
      }
    }
  }

  private static void run(String hosts, String redisUrl, String databaseUrl, PrintStream out)
      throws Exception {
    AuditCounts auditCounts = new AuditCounts();
    KarafkaApp app = ExampleApp.build(new UserDirectory(), auditCounts, hosts.split(","))
        .withMonitor(printer(out));
    out.println("app " + app.name() + " (" + app.env() + ")");
    for (Route route : app.routes()) {
      out.println("  route " + route.topic() + " -> " + route.controllerName()
          + " | group " + route.group() + " | parser " + route.parser().getClass()
          .getSimpleName() + " | responder " + route.responder().map(r -> r.type().getSimpleName())
          .orElse("-") + (route.inlineMode() ? " | inline" : " | background, worker "
          + route.worker().name()) + (route.batchMode() ? " | batch mode" : ""));
    }
    JobStore jobs;
    Process workerProcess = null;
    KarafkaWorker inProcessWorker = null;
    KafkaProducerPool producer = new KafkaProducerPool(app);
    if (databaseUrl != null) {
      jobs = new io.karafka.queue.jdbc.JdbcJobStore(io.karafka.queue.jdbc.JdbcSettings.builder()
          .jdbcUrl(databaseUrl).username(io.karafka.testkit.LocalPostgres.USER)
          .password(io.karafka.testkit.LocalPostgres.PASSWORD).jobs(app.config().jobs())
          .build(), Clock.systemUTC());
      workerProcess = startWorkerProcess(hosts, Map.of("DATABASE_URL", databaseUrl,
          "DATABASE_USER", io.karafka.testkit.LocalPostgres.USER, "DATABASE_PASSWORD",
          io.karafka.testkit.LocalPostgres.PASSWORD), out);
    } else if (redisUrl != null && !redisUrl.isBlank()) {
      jobs = new RedisJobStore(RedisSettings.builder(redisUrl).namespace(app.name()).build(),
          app.config().jobs(), Clock.systemUTC());
      workerProcess = startWorkerProcess(hosts, Map.of("REDIS_URL", redisUrl), out);
    } else {
      out.println("redis-server is not installed and REDIS_URL is not set: jobs wait in an"
          + " in-memory store, performed by a worker in this process"
          + " (scripts/install-services.sh redis installs Redis)");
      jobs = new InMemoryJobStore(Clock.systemUTC());
      inProcessWorker = KarafkaWorker.builder(app, jobs, producer).build();
      inProcessWorker.start();
    }
    KafkaMessageSource source = new KafkaMessageSource(app);
    try (KarafkaServer server = KarafkaServer.builder(app).source(source).producer(producer)
        .jobQueue(jobs).build()) {
      server.start();
      await("consumer groups to get their partitions", source::assigned);

      List<OutgoingMessage> samples = new ArrayList<>();
      String users = app.config().topicMapper().outgoing("users_create");
      for (String json : List.of("{\"name\":\"Ada\",\"age\":36}", "{\"name\":\"Tim\",\"age\":12}",
          "{\"name\":\"Grace\",\"age\":85}", "{not json")) {
        samples.add(new OutgoingMessage(users, json.getBytes(StandardCharsets.UTF_8),
            Partitioning.any(), List.of()));
      }
      String audit = app.config().topicMapper().outgoing("audit_events");
      for (String csv : List.of("ada,login", "tim,login", "ada,logout", "grace,login")) {
        samples.add(new OutgoingMessage(audit, csv.getBytes(StandardCharsets.UTF_8),
            Partitioning.key(csv.substring(0, csv.indexOf(','))), List.of()));
      }
      long processedBefore = jobs.stats().processed(); // a persistent REDIS_URL counts earlier runs
      out.println("producing " + samples.size() + " sample messages");
      producer.send(samples);

      await("2 background jobs and 4 audit events", () -> jobs.stats().processed()
          - processedBefore == 2
          && auditCounts.total() == 4);
      out.println("audit counts (batch mode, CsvParser): " + auditCounts.counts());
      for (ConsumerRecord<byte[], byte[]> r : readBack(app, 3)) {
        out.println("read back " + r.topic() + " partition " + r.partition() + " key "
            + (r.key() == null ? "-" : new String(r.key(), StandardCharsets.UTF_8)) + ": "
            + new String(r.value(), StandardCharsets.UTF_8));
      }
    } finally {
      if (workerProcess != null) {
        workerProcess.toHandle().destroy(); // SIGTERM: the worker stops gracefully
        workerProcess.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
      }
      if (inProcessWorker != null) {
        inProcessWorker.close();
      }
      producer.close();
      jobs.close();
    }
    out.println("stopped: offsets committed, producer flushed");
  }

  /** Starts the worker process ({@link WorkerMain}) and echoes its output. */
  private static Process startWorkerProcess(String hosts, Map<String, String> store,
                                            PrintStream out) throws java.io.IOException {
    String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java")
        .toString();
    ProcessBuilder builder = new ProcessBuilder(javaBin, "-cp",
        System.getProperty("java.class.path"), WorkerMain.class.getName())
        .redirectErrorStream(true);
    builder.environment().put("KAFKA_HOSTS", hosts);
    builder.environment().putAll(store);
    Process process = builder.start();
    Thread echo = new Thread(() -> {
      try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(
          process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          if (!line.startsWith("WARNING")) {
            out.println("  [worker process] " + line);
          }
        }
      } catch (java.io.IOException ignored) {
        // the process ended
      }
    }, "worker-output");
    echo.setDaemon(true);
    echo.start();
    return process;
  }

  private static Monitor printer(PrintStream out) {
    return event -> {
      switch (event) {
        case Event.MessagesReceived e -> out.println("  consumed " + e.count() + " message(s)"
            + " of " + e.topic() + "/" + e.partition() + " in group " + e.group());
        case Event.CallbackAborted e -> out.println("  " + e.topic() + "@" + e.offset()
            + ": a beforeEnqueue callback said no (not enqueued, still committed)");
        case Event.ParserFailed e -> out.println("  " + e.topic() + "@" + e.offset()
            + ": malformed payload, kept raw under params \"message\"");
        case Event.JobsEnqueued e -> e.jobs().forEach(job -> out.println("  enqueued job "
            + job.id() + " for " + job.worker()));
        case Event.DuplicatesSkipped e -> out.println("  " + e.topic() + "/" + e.partition()
            + ": skipped " + e.offsets().size() + " re-consumed message(s), already enqueued");
        case Event.JobPerformed e -> out.println("  worker performed job " + e.job().id());
        case Event.ResponsesSent e -> out.println("  " + e.responder() + " sent to "
            + e.topics());
        case Event.MessageFailed e -> out.println("  failed " + e.topic() + "@" + e.offset()
            + ": " + e.error());
        case Event.ErrorOccurred e -> out.println("  error in " + e.source() + ": " + e.error());
        default -> { }
      }
    };
  }

  private static List<ConsumerRecord<byte[], byte[]>> readBack(KarafkaApp app, int expected)
      throws InterruptedException {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",",
        app.config().kafka().hosts()));
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "demo-reader-" + System.nanoTime());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props,
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(app.config().topicMapper().outgoing("users_created"),
          app.config().topicMapper().outgoing("seniors_created")));
      await("the responses in Kafka", () -> {
        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
        return records.size() >= expected;
      });
    }
    return records;
  }

  private static void await(String what, BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("demo: gave up waiting for " + what + " after " + LIMIT);
      }
      Thread.sleep(20);
    }
  }
}
