package io.karafka.cli;

import io.karafka.app.KarafkaApp;
import io.karafka.server.KarafkaServer;
import java.util.function.Predicate;

/**
 * Builds the server the {@code server} command runs: the application's wiring of a message
 * source, a producer and a job queue.
 *
 * <pre>{@code
 * ServerLauncher server = (app, groups) -> KarafkaServer.builder(app)
 *     .source(new KafkaMessageSource(app)).producer(producer).jobQueue(store)
 *     .consumerGroups(groups).build();
 * }</pre>
 */
@FunctionalInterface
public interface ServerLauncher {
  /**
   * @param app the app
   * @param groups which consumer groups to consume (from {@code --include-groups} and
   *     {@code --exclude-groups}); pass it to {@code KarafkaServer.Builder#consumerGroups}
   * @return a server, not started
   */
  KarafkaServer launch(KarafkaApp app, Predicate<String> groups) throws Exception;
}
