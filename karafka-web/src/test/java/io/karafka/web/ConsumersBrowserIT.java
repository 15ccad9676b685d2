package io.karafka.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.app.KarafkaApp;
import io.karafka.controller.Controller;
import io.karafka.job.Job;
import io.karafka.job.JobError;
import io.karafka.job.Lease;
import io.karafka.job.Worker;
import io.karafka.kafka.KafkaConsumerGroups;
import io.karafka.kafka.KafkaMessageSource;
import io.karafka.monitor.Monitor;
import io.karafka.queue.redis.RedisJobStore;
import io.karafka.queue.redis.RedisSettings;
import io.karafka.server.KarafkaServer;
import io.karafka.testkit.Await;
import io.karafka.testkit.EmbeddedKafka;
import io.karafka.testkit.InMemoryInterchanger;
import io.karafka.testkit.InMemoryParser;
import io.karafka.testkit.InMemoryProducer;
import io.karafka.testkit.LocalRedis;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * The web UI in a real browser (headless Chromium over the DevTools Protocol) over a real broker
 * (the test kit's embedded one) and a real job store (redis-server): log in, watch the lag rise
 * while nothing consumes and fall once a server did, see the server and the worker process and
 * this process's recent error, and run a dead job again with a click.
 */
class ConsumersBrowserIT {
  private static final Duration LIMIT = Duration.ofSeconds(60);
  private static final String GROUP = "shop_orders";

  /** Fails once, on partition 0's offset 3, then handles everything. */
  public static final class FlakyController extends Controller {
    private final AtomicBoolean failed;

    public FlakyController(AtomicBoolean failed) {
      this.failed = failed;
    }

    @Override
    protected void perform() {
      if (params().partition() == 0 && params().offset() == 3 && failed.compareAndSet(false,
          true)) {
        throw new IllegalStateException("order <3> could not be booked");
      }
    }
  }

  @Test
  void theConsumersPageFollowsLagServersWorkersAndErrorsAndADeadJobRunsAgain() throws Exception {
    RecentErrors errors = new RecentErrors();
    AtomicBoolean failed = new AtomicBoolean();
    try (EmbeddedKafka kafka = EmbeddedKafka.start(); LocalRedis redis = LocalRedis.start();
         Chromium chromium = Chromium.start()) {
      kafka.createTopic("orders", 2);
      KarafkaApp app = KarafkaApp.builder()
          .setup(c -> c.name("shop").inlineMode(true).parser(new InMemoryParser())
              .interchanger(new InMemoryInterchanger())
              .monitor(Monitor.combine(Monitor.none(), errors))
              .kafka(k -> k.hosts(kafka.bootstrapServers()).retryBackoff(Duration.ofMillis(50))
                  .offsetCommitInterval(Duration.ofMillis(200))))
          .routes(r -> r.topic("orders").controller(() -> new FlakyController(failed)))
          .build();
      try (RedisJobStore store = new RedisJobStore(RedisSettings.builder(redis.url()).build(),
               app.config().jobs(), Clock.systemUTC());
           KafkaConsumerGroups groups = new KafkaConsumerGroups(app);
           JobsWeb web = JobsWeb.builder(store).bind("127.0.0.1", 0)
               .credentials("admin", "browser-secret").title("shop").refresh(Duration.ZERO)
               .consumers(groups, app).recentErrors(errors).build().start();
           Cdp page = chromium.page()) {
        String dead = deadJob(store);
        page.call("Network.enable", Map.of());
        page.call("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Authorization",
            "Basic " + Base64.getEncoder().encodeToString("admin:browser-secret"
                .getBytes(StandardCharsets.UTF_8)))));

        page.open(web.url());
        assertTrue(page.evaluate("document.title").equals("shop jobs: Dashboard"));
        page.evaluate("document.querySelector('nav a[href=\"/consumers\"]').click()");
        awaitLag(page, web, 0, false);
        assertEquals("shop jobs: Consumers", page.evaluate("document.title"));

        produce(kafka, 10);
        awaitLag(page, web, 10, true);
        assertTrue(text(page).contains("no server consumes now"), text(page));

        try (KarafkaServer server = KarafkaServer.builder(app)
            .source(new KafkaMessageSource(app)).producer(new InMemoryProducer()).build()) {
          server.start();
          awaitLag(page, web, 0, true);
          String held = ProcessHandle.current().pid() + ")";
          assertTrue(text(page).contains("(pid " + held), "the server is named by host and pid: "
              + text(page));
          assertTrue(page.evaluate("[...document.querySelectorAll('td code')].map(c =>"
              + " c.textContent).join(' ')").contains("shop-" + GROUP + "@"), text(page));
        }
        assertTrue(text(page).contains("orders/0@3 (FlakyController)"), text(page));
        assertTrue(page.evaluate("document.body.innerHTML").contains("java.lang"
            + ".IllegalStateException: order &lt;3&gt; could not be booked"), "escaped");
        assertTrue(page.evaluate("[...document.querySelectorAll('h2')].find(h => h"
            + ".textContent === 'Workers').nextElementSibling.textContent").contains(
            String.valueOf(ProcessHandle.current().pid())), "this process fetched: a worker");

        page.open(web.url() + "dead");
        assertTrue(text(page).contains(dead), text(page));
        page.evaluate("document.querySelector('form[action=\"/dead/" + dead + "/run\"] button')"
            + ".click()");
        Await.within(LIMIT, "the page after the click", () -> location(page).endsWith(
            "/dead?done=run"));
        assertEquals(0, store.stats().dead());
        assertEquals(List.of(dead), store.fetch(List.of("default"), 5, Duration.ZERO).stream()
            .map(l -> l.job().id()).toList(), "the dead job is queued again");
      }
    }
  }

  /** @return the id of a job that died in the store (its fetch makes this a worker process) */
  private static String deadJob(RedisJobStore store) throws InterruptedException {
    Job job = Job.create("doomed-1", Worker.named("PaymentsWorker"), "orders", "{\"card\":1}",
        java.time.Instant.now());
    store.enqueue(List.of(job));
    Lease lease = store.fetch(List.of("default"), 1, Duration.ZERO).getFirst();
    store.kill(lease, job.failed(JobError.of(new IllegalStateException("card declined"),
        java.time.Instant.now(), null), false));
    return job.id();
  }

  /** Reloads the consumers page until the group's lag is that (and, if asked, shown). */
  private static void awaitLag(Cdp page, JobsWeb web, long lag, boolean reload)
      throws InterruptedException {
    Await.within(LIMIT, "lag " + lag + " on the consumers page", () -> {
      try {
        if (reload || !location(page).endsWith("/consumers")) {
          page.open(web.url() + "consumers");
        }
        return page.evaluate("document.querySelector('[data-group=\"" + GROUP + "\"]')"
            + "?.dataset.lag ?? ''").equals(String.valueOf(lag));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    });
  }

  private static String location(Cdp page) {
    return page.evaluate("location.href");
  }

  private static String text(Cdp page) {
    return page.evaluate("document.body.innerText");
  }

  private static void produce(EmbeddedKafka kafka, int count) throws Exception {
    Properties p = new Properties();
    p.putAll(kafka.clientProperties());
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p,
        new ByteArraySerializer(), new ByteArraySerializer())) {
      List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        sent.add(producer.send(new ProducerRecord<>("orders", i % 2, null,
            ("order " + i).getBytes(StandardCharsets.UTF_8))));
      }
      for (java.util.concurrent.Future<?> f : sent) {
        f.get();
      }
    }
  }
}
