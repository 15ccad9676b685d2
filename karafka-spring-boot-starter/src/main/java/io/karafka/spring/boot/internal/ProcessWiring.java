package io.karafka.spring.boot.internal;

import io.karafka.app.ConfigProblem;
import io.karafka.app.ConfigurationException;
import io.karafka.app.KarafkaApp;
import io.karafka.consumer.MessageSource;
import io.karafka.job.JobQueue;
import io.karafka.job.JobStore;
import io.karafka.micrometer.KarafkaMetrics;
import io.karafka.producer.Producer;
import io.karafka.routing.Route;
import io.karafka.server.KarafkaServer;
import io.karafka.spring.boot.KarafkaProcess;
import io.karafka.spring.boot.KarafkaProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import io.karafka.worker.KarafkaWorker;

/**
 * Builds this process's server and worker from {@code karafka.server.*} and
 * {@code karafka.worker.*}, and binds them to the metrics.
 */
public final class ProcessWiring {
  /** How often the store's gauges are sampled. */
  private static final Duration STORE_SAMPLES = Duration.ofSeconds(10);

  private ProcessWiring() {}

  /**
   * @param source creates the consumer (only called when this process consumes)
   * @param metrics the app's metrics, or null
   * @throws ConfigurationException naming an unknown consumer group, or a server wiring
   *     problem
   */
  public static KarafkaProcess process(KarafkaApp app, KarafkaProperties properties,
                                       Producer producer, JobQueue queue,
                                       Supplier<MessageSource> source, KarafkaMetrics metrics) {
    Optional<KarafkaServer> server = Optional.empty();
    if (properties.server().enabled()) {
      server = Optional.of(KarafkaServer.builder(app).source(source.get()).producer(producer)
          .jobQueue(queue).consumerGroups(groups(app, properties.server())).build());
    }
    Optional<KarafkaWorker> worker = Optional.empty();
    if (properties.worker().enabled() && queue instanceof JobStore store) {
      worker = Optional.of(KarafkaWorker.builder(app, store, producer).build());
    }
    if (metrics != null) {
      metrics.bind(app);
      server.ifPresent(metrics::bind);
      worker.ifPresent(metrics::bind);
      if (queue instanceof JobStore store) {
        metrics.bind(store, STORE_SAMPLES);
      }
    }
    return new KarafkaProcess(app, server, worker);
  }

  /** @return which consumer groups to consume, as the CLI's --include/--exclude-groups */
  static Predicate<String> groups(KarafkaApp app, KarafkaProperties.Server server) {
    List<String> known = app.routes().stream().map(Route::group).distinct().toList();
    List<String> include = server.includeGroups();
    List<String> exclude = server.excludeGroups();
    List<ConfigProblem> problems = new ArrayList<>();
    unknown(problems, "server.includeGroups", include, known);
    unknown(problems, "server.excludeGroups", exclude, known);
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
    return group -> (include == null || include.isEmpty() || include.contains(group))
        && (exclude == null || !exclude.contains(group));
  }

  private static void unknown(List<ConfigProblem> problems, String key, List<String> named,
                              List<String> known) {
    if (named == null) {
      return;
    }
    for (String group : named) {
      if (!known.contains(group)) {
        problems.add(new ConfigProblem(key, group, "is not a consumer group of the app",
            "use one of " + known));
      }
    }
  }
}
