package io.karafka.benchmarks;

import io.karafka.app.KarafkaApp;
import io.karafka.consumer.ConsumerGroup;
import io.karafka.consumer.ConsumerGroups;
import io.karafka.controller.Controller;
import io.karafka.kafka.KafkaConsumerGroups;
import io.karafka.kafka.KafkaMessageSource;
import io.karafka.server.KarafkaServer;
import io.karafka.testkit.EmbeddedKafka;
import io.karafka.testkit.InMemoryJobStore;
import io.karafka.testkit.InMemoryProducer;
import io.karafka.web.JobsWeb;
import io.karafka.web.RecentErrors;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The web UI's consumers page with 1,000 partitions (10 consumer groups of one topic of 100
 * partitions each, every partition held by a running server and committed), rendered against the
 * embedded broker: the whole request as a browser makes it, and apart from it the time spent in
 * the Admin calls ({@code KafkaConsumerGroups.describe}) and so in the HTML and HTTP.
 */
final class ConsumersPageBenchmark {
  private static final int GROUPS = 10;
  private static final int PARTITIONS = 100;
  private static final int WARMUPS = 10;
  private static final int ROUNDS = 30;

  /** Times each describe: what the page spends in the Admin calls. */
  private static final class Timed implements ConsumerGroups {
    private final ConsumerGroups inner;
    private volatile long lastNanos;

    Timed(ConsumerGroups inner) {
      this.inner = inner;
    }

    @Override
    public List<ConsumerGroup> describe(Map<String, List<String>> topics) {
      long start = System.nanoTime();
      try {
        return inner.describe(topics);
      } finally {
        lastNanos = System.nanoTime() - start;
      }
    }

    @Override
    public String address() {
      return inner.address();
    }

    @Override
    public void close() {
      inner.close();
    }
  }

  /** Handles nothing. */
  public static class Idle extends Controller {
    @Override
    protected void perform() {}
  }

  String run() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      Map<String, Integer> topics = new LinkedHashMap<>();
      for (int g = 0; g < GROUPS; g++) {
        topics.put("page" + g, PARTITIONS);
      }
      kafka.createTopics(topics);
      List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
      for (String topic : topics.keySet()) {
        for (int p = 0; p < PARTITIONS; p++) {
          for (int i = 0; i < 3; i++) {
            records.add(new ProducerRecord<>(topic, p, null, ("m" + i).getBytes(
                StandardCharsets.UTF_8)));
          }
        }
      }
      Benchmarks.produce(kafka, records);
      KarafkaApp app = KarafkaApp.builder()
          .setup(c -> c.name("bench").inlineMode(true).parser(new io.karafka.testkit
                  .InMemoryParser()).interchanger(new io.karafka.testkit.InMemoryInterchanger())
              .kafka(k -> k.hosts(kafka.bootstrapServers())
                  .offsetCommitInterval(Duration.ofMillis(200))))
          .routes(r -> topics.keySet().forEach(t -> r.topic(t).controller(Idle.class)))
          .build();
      InMemoryJobStore store = new InMemoryJobStore(Clock.systemUTC());
      try (Timed groups = new Timed(new KafkaConsumerGroups(app));
           KarafkaServer server = KarafkaServer.builder(app).source(new KafkaMessageSource(app))
               .producer(new InMemoryProducer()).build();
           JobsWeb web = JobsWeb.builder(store).bind("127.0.0.1", 0).withoutLogin()
               .refresh(Duration.ZERO).consumers(groups, app).recentErrors(new RecentErrors())
               .build().start()) {
        server.start();
        Map<String, List<String>> byGroup = ConsumerGroups.topicsOf(app);
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (groups.describe(byGroup).stream().anyMatch(g -> g.lag() > 0 || g.partitions()
            .stream().anyMatch(p -> p.member().isEmpty()))) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("the server did not consume every partition");
          }
          Thread.sleep(200);
        }
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest get = HttpRequest.newBuilder(URI.create(web.url() + "consumers")).build();
        List<Double> total = new ArrayList<>();
        List<Double> admin = new ArrayList<>();
        List<Double> html = new ArrayList<>();
        int bytes = 0;
        for (int round = 0; round < WARMUPS + ROUNDS; round++) {
          long start = System.nanoTime();
          HttpResponse<String> page = http.send(get, HttpResponse.BodyHandlers.ofString());
          long took = System.nanoTime() - start;
          if (page.statusCode() != 200 || !page.body().contains("data-group=\"bench_page9\"")) {
            throw new IllegalStateException("unexpected page: " + page.statusCode());
          }
          if (round >= WARMUPS) {
            total.add(took / 1e6);
            admin.add(groups.lastNanos / 1e6);
            html.add((took - groups.lastNanos) / 1e6);
            bytes = page.body().getBytes(StandardCharsets.UTF_8).length;
          }
        }
        return section(total, admin, html, bytes);
      }
    }
  }

  private static String section(List<Double> total, List<Double> admin, List<Double> html,
                                int bytes) {
    return "## Web UI: consumers page\n\nCommand: `./mvnw -q -B install -DskipTests && ./mvnw"
        + " -q -B -pl karafka-benchmarks exec:exec -Dbench=web`\n\nMachine: "
        + Benchmarks.machine() + "\n\nWorkload: the consumers page (`GET /consumers`) with "
        + String.format("%,d", GROUPS * PARTITIONS) + " partitions: " + GROUPS + " consumer"
        + " groups of one topic of " + PARTITIONS + " partitions each, every partition"
        + " committed and held by a running server (so every row names its member), embedded"
        + " KRaft broker in the same JVM; " + WARMUPS + " warm-up requests, then " + ROUNDS
        + " timed ones, one at a time. Admin is the time inside"
        + " `KafkaConsumerGroups.describe` (describeTopics, describeConsumerGroups,"
        + " listConsumerGroupOffsets, then earliest and latest listOffsets); HTML and HTTP is"
        + " the rest of the request (rendering " + String.format("%,d", bytes) + " bytes, the"
        + " worker list, sending).\n\n| | median ms | p90 ms | max ms | target |\n"
        + "|---|---|---|---|---|\n"
        + row("whole request", total, "< 500 ms") + row("Admin calls", admin, "—")
        + row("HTML and HTTP", html, "—");
  }

  private static String row(String what, List<Double> values, String target) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return String.format("| %s | %.1f | %.1f | %.1f | %s |%n", what, Benchmarks.median(values),
        sorted[(int) Math.ceil(sorted.length * 0.9) - 1], sorted[sorted.length - 1], target);
  }
}
