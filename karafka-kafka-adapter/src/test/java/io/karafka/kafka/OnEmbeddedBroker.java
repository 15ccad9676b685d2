package io.karafka.kafka;

import static io.karafka.kafka.KafkaTestSupport.await;

import io.karafka.app.KarafkaApp;
import io.karafka.app.KarafkaConfig;
import io.karafka.monitor.Monitor;
import io.karafka.routing.Routes;
import io.karafka.server.KarafkaServer;
import io.karafka.testkit.EmbeddedKafka;
import io.karafka.testkit.EmbeddedKafkaExtension;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Integration tests on one embedded broker per test class, each test with its own
 * {@link Handled} log for its controllers.
 */
abstract class OnEmbeddedBroker {
  @RegisterExtension
  static final EmbeddedKafkaExtension broker = new EmbeddedKafkaExtension();
  /** The class's broker. */
  EmbeddedKafka kafka;
  /** What this test's controllers handled. */
  final Handled handled = new Handled();

  @BeforeEach
  void broker() {
    kafka = broker.broker();
  }

  /** @return an inline app on the broker, with fast retries and commits */
  KarafkaApp app(String name, Consumer<KarafkaConfig.Builder> setup,
                 Consumer<Routes.Drawing> routes) {
    return KarafkaApp.builder()
        .setup(c -> {
          c.name(name).inlineMode(true).monitor(Monitor.none())
              .kafka(k -> k.hosts(kafka.bootstrapServers()).retryBackoff(Duration.ofMillis(20))
                  .maxRetryBackoff(Duration.ofMillis(100))
                  .offsetCommitInterval(Duration.ofMillis(200)));
          setup.accept(c);
        })
        .routes(routes)
        .build();
  }

  /** @return a started server of the app, its partitions assigned */
  static KarafkaServer start(KarafkaApp app) throws InterruptedException {
    KafkaMessageSource source = new KafkaMessageSource(app);
    KarafkaServer server = KarafkaServer.builder(app).source(source)
        .producer(new KafkaProducerPool(app)).build();
    server.start();
    await("partitions assigned", source::assigned);
    return server;
  }
}
