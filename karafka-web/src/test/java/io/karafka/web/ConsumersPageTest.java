package io.karafka.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.consumer.ConsumerGroup;
import io.karafka.consumer.ConsumerGroups;
import io.karafka.consumer.ConsumerGroupsUnavailableException;
import io.karafka.consumer.GroupMember;
import io.karafka.consumer.PartitionLag;
import io.karafka.job.Job;
import io.karafka.job.Worker;
import io.karafka.monitor.Dependencies;
import io.karafka.monitor.Event;
import io.karafka.testkit.InMemoryJobStore;
import io.karafka.testkit.MutableClock;
import io.karafka.testkit.RecordingMonitor;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The consumers page over HTTP, with a fake cluster and the in-memory store. */
class ConsumersPageTest {
  private static final String LOGIN = "Basic " + Base64.getEncoder().encodeToString(
      "admin:correct horse".getBytes(StandardCharsets.UTF_8));
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
  private final InMemoryJobStore store = new InMemoryJobStore(clock);
  private final FakeGroups groups = new FakeGroups();
  private final RecentErrors errors = new RecentErrors(2, clock);
  private final RecordingMonitor events = new RecordingMonitor();
  private JobsWeb web;

  @BeforeEach
  void start() {
    web = JobsWeb.builder(store).bind("127.0.0.1", 0).credentials("admin", "correct horse")
        .title("shop").clock(clock).consumers(groups, Map.of("shop_orders", List.of("orders")))
        .recentErrors(errors).dependencies(new Dependencies(events, clock,
            Duration.ofMinutes(1))).build().start();
  }

  @AfterEach
  void stop() {
    web.close();
  }

  @Test
  void theGroupsPartitionsShowOffsetsLagAndWhoHoldsThemEscaped() throws Exception {
    GroupMember member = new GroupMember("m-1", "shop-shop_orders@web-<1>:42", "web-<1>",
        OptionalLong.of(42));
    groups.answer = List.of(new ConsumerGroup("shop_orders", "Stable", List.of(member), List.of(
        new PartitionLag("shop_orders", "orders", 0, OptionalLong.of(5), 9, 4,
            Optional.of(member)),
        new PartitionLag("shop_orders", "orders", 1, OptionalLong.empty(), 3, 3,
            Optional.empty())), List.of("<gone>")));
    String html = get("/consumers", LOGIN).body();
    assertTrue(html.contains("<title>shop jobs: Consumers</title>"), html);
    assertTrue(html.contains("<section class=\"group\" data-group=\"shop_orders\""
        + " data-lag=\"7\">"), html);
    assertTrue(html.contains("<tr><td>orders</td><td class=\"num\">0</td><td class=\"num\">5"
        + "</td><td class=\"num\">9</td><td class=\"num\">4</td><td><span title=\""
        + "shop-shop_orders@web-&lt;1&gt;:42\">web-&lt;1&gt; (pid 42)</span></td></tr>"), html);
    assertTrue(html.contains("<td class=\"num\">none</td><td class=\"num\">3</td>"
        + "<td class=\"num\">3</td><td>nobody</td>"), html);
    assertTrue(html.contains("Not in the cluster: &lt;gone&gt;"), html);
    assertTrue(html.contains("</span></td><td>shop_orders</td><td class=\"num\">1</td>"), html);
    assertFalse(html.contains("<1>") || html.contains("<gone>"), "cluster data is never markup");
    assertEquals(List.of(Map.of("shop_orders", List.of("orders"))), groups.asked);
    assertTrue(get("/", LOGIN).body().contains("<a href=\"/consumers\">Consumers</a>"));
  }

  @Test
  void workersAndTheRecentErrorsOfThisProcessAreShownWithoutPayloads() throws Exception {
    store.enqueue(List.of(Job.create("j-1", Worker.named("W"), "orders", "{\"secret\":1}",
        clock.instant())));
    store.fetch(List.of("default"), 1, Duration.ZERO);
    for (int n = 1; n <= 3; n++) {
      errors.notice(new Event.MessageFailed("orders", 0, n, "OrdersController",
          new IllegalStateException("bad <b>" + n + "</b>")));
    }
    clock.advance(Duration.ofMinutes(2));
    String html = get("/consumers", LOGIN).body();
    assertTrue(html.contains("</code></td><td>" + java.net.InetAddress.getLocalHost()
        .getHostName() + "</td><td class=\"num\">" + ProcessHandle.current().pid()
        + "</td><td class=\"num\">1</td>"), html);
    assertTrue(html.contains("The last 2 errors of the process that serves this page"), html);
    assertTrue(html.contains("<td>orders/0@3 (OrdersController)</td><td class=\"error\">"
        + "java.lang.IllegalStateException: bad &lt;b&gt;3&lt;/b&gt;</td>"), html);
    assertTrue(html.contains(">2 min ago</span>"), html);
    assertFalse(html.contains("orders/0@1 "), "only the last 2 are kept");
    assertFalse(html.contains("secret"), "never a payload");
  }

  @Test
  void anUnreachableClusterIsSaidOnThePageAndToldOnceAsAnOutage() throws Exception {
    groups.failure = new ConsumerGroupsUnavailableException("the Kafka cluster at k:9092 gave"
        + " no answer", new java.util.concurrent.TimeoutException());
    for (int i = 0; i < 2; i++) {
      Response page = get("/consumers", LOGIN);
      assertEquals(200, page.statusCode(), "the rest of the page is still worth seeing");
      assertTrue(page.body().contains("<p class=\"error\">the Kafka cluster at k:9092 gave no"
          + " answer</p>"), page.body());
    }
    groups.failure = null;
    groups.answer = List.of();
    get("/consumers", LOGIN);
    assertEquals(List.of("DependencyDown", "DependencyRecovered"), events.events().stream()
        .map(e -> e.getClass().getSimpleName()).toList());
  }

  @Test
  void withoutGroupsOrErrorsThePageSaysHowToGetThem() throws Exception {
    try (JobsWeb plain = JobsWeb.builder(store).bind("127.0.0.1", 0).withoutLogin().build()
        .start()) {
      String html = request(plain.url(), "/consumers", null).body();
      assertTrue(html.contains("Not shown: give the UI the app&#39;s consumer groups with"
          + " .consumers(new KafkaConsumerGroups(app), app) (karafka-kafka-adapter)."), html);
      assertTrue(html.contains("Not recorded: add a RecentErrors to the app&#39;s monitor"),
          html);
      assertTrue(html.contains("no worker process beats now"), html);
    }
    assertEquals(401, get("/consumers", null).statusCode(), "the login is asked for");
  }

  /** What the server answered. */
  private record Response(int statusCode, String body) {}

  private Response get(String path, String authorization) throws IOException {
    return request(web.url(), path, authorization);
  }

  private static Response request(String base, String path, String authorization)
      throws IOException {
    HttpURLConnection c = (HttpURLConnection) URI.create(base + path.substring(1)).toURL()
        .openConnection();
    if (authorization != null) {
      c.setRequestProperty("Authorization", authorization);
    }
    int status = c.getResponseCode();
    try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
      return new Response(status, in == null ? "" : new String(in.readAllBytes(),
          StandardCharsets.UTF_8));
    } finally {
      c.disconnect();
    }
  }

  /** A cluster that answers what the test says. */
  private static final class FakeGroups implements ConsumerGroups {
    volatile List<ConsumerGroup> answer = List.of();
    volatile ConsumerGroupsUnavailableException failure;
    final List<Map<String, List<String>>> asked = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public List<ConsumerGroup> describe(Map<String, List<String>> topics) {
      asked.add(topics);
      if (failure != null) {
        throw failure;
      }
      return answer;
    }

    @Override
    public String address() {
      return "k:9092";
    }

    @Override
    public void close() {}
  }
}
