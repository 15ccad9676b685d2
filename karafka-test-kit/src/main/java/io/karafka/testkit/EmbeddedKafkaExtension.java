package io.karafka.testkit;

import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 support for integration tests on a real broker: one {@link EmbeddedKafka} for the test
 * class, started before its first test and stopped after its last.
 *
 * <pre>{@code
 * class OrdersIT {
 *   @RegisterExtension
 *   static final EmbeddedKafkaExtension kafka = new EmbeddedKafkaExtension();
 *
 *   @Test
 *   void consumes() {
 *     kafka.broker().createTopic("orders", 4);
 *     ... kafka.broker().bootstrapServers() ...
 *   }
 * }
 * }</pre>
 */
public final class EmbeddedKafkaExtension implements BeforeAllCallback, AfterAllCallback {
  private final Map<String, String> brokerProperties;
  private EmbeddedKafka broker;

  /** A broker with default settings. */
  public EmbeddedKafkaExtension() {
    this(Map.of());
  }

  /** @param brokerProperties extra broker settings */
  public EmbeddedKafkaExtension(Map<String, String> brokerProperties) {
    this.brokerProperties = Map.copyOf(brokerProperties);
  }

  /** @return the running broker */
  public EmbeddedKafka broker() {
    if (broker == null) {
      throw new IllegalStateException("the embedded broker runs only while the test class runs;"
          + " register the extension on a static field");
    }
    return broker;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    broker = EmbeddedKafka.start(brokerProperties);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (broker != null) {
      broker.close();
      broker = null;
    }
  }
}
