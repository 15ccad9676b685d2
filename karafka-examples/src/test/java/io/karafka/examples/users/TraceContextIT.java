package io.karafka.examples.users;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.karafka.app.KarafkaApp;
import io.karafka.job.JobStore;
import io.karafka.kafka.KafkaMessageSource;
import io.karafka.kafka.KafkaProducerPool;
import io.karafka.message.Header;
import io.karafka.message.TraceContext;
import io.karafka.monitor.Event;
import io.karafka.monitor.Monitor;
import io.karafka.producer.OutgoingMessage;
import io.karafka.producer.Partitioning;
import io.karafka.queue.jdbc.JdbcJobStore;
import io.karafka.queue.jdbc.JdbcSettings;
import io.karafka.queue.redis.RedisJobStore;
import io.karafka.queue.redis.RedisSettings;
import io.karafka.server.KarafkaServer;
import io.karafka.testkit.Await;
import io.karafka.testkit.EmbeddedKafka;
import io.karafka.testkit.LocalPostgres;
import io.karafka.testkit.LocalRedis;
import io.karafka.worker.KarafkaWorker;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/**
 * One trace from an incoming message to the response its job sends, through a real broker and
 * each real job store: the message's W3C {@code traceparent} and {@code tracestate} go into the
 * job (Sidekiq's JSON, PostgreSQL's columns), the monitor's events name the trace id, and the
 * responder's message carries the same headers.
 */
class TraceContextIT {
  private static final String TRACEPARENT =
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

  @Test
  void aMessagesTraceReachesTheResponseOfItsJobOnRedisAndPostgres() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(); LocalRedis redis = LocalRedis.start();
         LocalPostgres postgres = LocalPostgres.start(false)) {
      kafka.createTopics(Map.of("acme.users_create", 1, "acme.users_created", 1,
          "acme.seniors_created", 1, "acme.audit_events", 1));
      int expected = 0;
      for (String store : List.of("redis", "postgres")) {
        List<Event> events = new CopyOnWriteArrayList<>();
        KarafkaApp original = ExampleApp.build(kafka.bootstrapServers());
        KarafkaApp app = original.withMonitor(Monitor.combine(original.monitor(),
            events::add));
        JobStore jobs = store.equals("redis")
            ? new RedisJobStore(RedisSettings.builder(redis.url()).namespace(app.name()).build(),
                app.config().jobs(), Clock.systemUTC())
            : new JdbcJobStore(JdbcSettings.builder().jdbcUrl(postgres.jdbcUrl())
                .username(LocalPostgres.USER).password(LocalPostgres.PASSWORD)
                .jobs(app.config().jobs()).build(), Clock.systemUTC());
        try (jobs; KafkaProducerPool producer = new KafkaProducerPool(app);
             KarafkaServer server = KarafkaServer.builder(app)
                 .source(new KafkaMessageSource(app)).producer(producer).jobQueue(jobs).build();
             KarafkaWorker worker = KarafkaWorker.builder(app, jobs, producer).build()) {
          server.start();
          worker.start();
          producer.send(List.of(new OutgoingMessage("acme.users_create",
              ("{\"name\":\"Ada " + store + "\",\"age\":36}").getBytes(StandardCharsets.UTF_8),
              Partitioning.any(), List.of(Header.of("traceparent", TRACEPARENT),
                  Header.of("tracestate", "vendor=a1")))));
          Await.within(Duration.ofSeconds(60), "the job performed on " + store,
              () -> events.stream().anyMatch(e -> e instanceof Event.JobPerformed));
        }
        expected++;
        Event.JobsEnqueued enqueued = events.stream().filter(Event.JobsEnqueued.class::isInstance)
            .map(Event.JobsEnqueued.class::cast).findFirst().orElseThrow();
        assertEquals(TRACE_ID, enqueued.jobs().getFirst().trace().orElseThrow().traceId(),
            store);
        Event.JobPerformed performed = events.stream()
            .filter(Event.JobPerformed.class::isInstance).map(Event.JobPerformed.class::cast)
            .findFirst().orElseThrow();
        assertEquals(TraceContext.parse(TRACEPARENT, "vendor=a1"), performed.job().trace(),
            "the job fetched from " + store + " kept its trace context");
        List<ConsumerRecord<byte[], byte[]>> responses = read(kafka, expected);
        ConsumerRecord<byte[], byte[]> response = responses.getLast();
        assertEquals(TRACEPARENT, header(response, "traceparent"), store);
        assertEquals("vendor=a1", header(response, "tracestate"), store);
      }
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  /** @return the first {@code count} responses on acme.users_created */
  private static List<ConsumerRecord<byte[], byte[]>> read(EmbeddedKafka kafka, int count)
      throws InterruptedException {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "trace-reader-" + count);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props,
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of("acme.users_created"));
      Await.within(Duration.ofSeconds(60), count + " responses", () -> {
        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
        return records.size() >= count;
      });
    }
    return records;
  }
}
