package io.karafka.cli.internal;

import io.karafka.app.KarafkaApp;
import io.karafka.app.JobSettings;
import io.karafka.app.KafkaSettings;
import io.karafka.app.KarafkaConfig;
import io.karafka.responder.Responder;
import io.karafka.responder.TopicOptions;
import io.karafka.routing.Route;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** What {@code routes}, {@code flow} and {@code info} print. */
public final class Printers {
  private Printers() {}

  /**
   * @return every route in alphabetical order with all its options; the worker only for routes
   *     that perform in the background (an inline route has none)
   */
  public static String routes(KarafkaApp app) {
    StringBuilder out = new StringBuilder();
    for (Route r : sorted(app)) {
      out.append(r.topic()).append('\n')
          .append("  group:        ").append(r.group()).append('\n')
          .append("  controller:   ").append(r.controller().type().getName()).append('\n');
      if (!r.inlineMode()) {
        out.append("  worker:       ").append(r.worker().name()).append(" (queue ")
            .append(r.worker().queue()).append(", retry ").append(r.worker().retry())
            .append(r.worker().timeout().map(t -> ", timeout " + t).orElse("")).append(")\n");
      }
      out.append("  parser:       ").append(name(r.parser())).append('\n')
          .append("  interchanger: ").append(name(r.interchanger())).append('\n')
          .append("  responder:    ").append(r.responder().map(i -> i.type().getName()).orElse("-"))
          .append('\n')
          .append("  inline:       ").append(r.inlineMode()).append('\n')
          .append("  batch:        ").append(r.batchMode()).append('\n');
      if (r.perKey()) {
        out.append("  per key:      true\n");
      }
    }
    return out.toString();
  }

  /**
   * @return the data flow in the original framework's format: each incoming topic, then the
   *     topics its responder registered, {@code always}/{@code conditionally} (required or not)
   *     and {@code exactly once}/{@code one or more times} (multiple usage or not); a route with
   *     no responder shows {@code => (nothing)}
   */
  public static String flow(KarafkaApp app) {
    StringBuilder out = new StringBuilder();
    for (Route r : sorted(app)) {
      if (r.responder().isEmpty()) {
        out.append(r.topic()).append(" => (nothing)\n");
        continue;
      }
      Responder<?> responder = r.responder().get().create();
      Map<String, TopicOptions> topics = responder.registeredTopics();
      out.append(r.topic()).append(" =>\n");
      if (topics.isEmpty()) {
        out.append("  (no topics registered)\n");
      }
      int width = topics.keySet().stream().mapToInt(String::length).max().orElse(0) + 1;
      topics.forEach((topic, options) -> out.append("  - ")
          .append(String.format("%-" + width + "s ", topic + ":"))
          .append('(').append(options.required() ? "always" : "conditionally").append(", ")
          .append(options.multipleUsage() ? "one or more times" : "exactly once").append(")\n"));
    }
    return out.toString();
  }

  /** @return the configuration, one setting per line, secrets masked */
  public static String info(KarafkaApp app) {
    KarafkaConfig c = app.config();
    KafkaSettings k = c.kafka();
    JobSettings j = c.jobs();
    List<String> lines = new ArrayList<>(List.of(
        "name:                 " + c.name(),
        "environment:          " + c.environment(),
        "topic mapper:         " + name(c.topicMapper()),
        "inline mode:          " + c.inlineMode(),
        "batch mode:           " + c.batchMode(),
        "start from beginning: " + c.startFromBeginning(),
        "monitor:              " + name(c.monitor()),
        "parser:               " + c.parser().map(Printers::name).orElse("(default)"),
        "interchanger:         " + c.interchanger().map(Printers::name).orElse("(default)"),
        "controller factory:   " + c.controllerFactory(),
        "health port:          " + (c.healthPort() == 0 ? "none" : c.healthPort()),
        "kafka",
        "  hosts:              " + String.join(", ", k.hosts()),
        "  session timeout:    " + k.sessionTimeout() + ", heartbeat " + k.heartbeatInterval(),
        "  commits:            every " + k.offsetCommitInterval() + (k.offsetCommitThreshold() > 0
            ? " or " + k.offsetCommitThreshold() + " messages" : ""),
        "  polls:              " + k.maxPollRecords() + " records, " + (k.consumerThreads() == 0
            ? "a virtual thread per partition" : k.consumerThreads() + " platform threads")
            + ", per key at most " + k.perKeyMaxInFlight() + " at once",
        "  failures:           " + k.maxAttempts() + " attempts, back-off " + k.retryBackoff()
            + " to " + k.maxRetryBackoff() + ", dead letters "
            + k.deadLetterTopic().orElse("none (retried forever)"),
        "  shutdown timeout:   " + k.shutdownTimeout(),
        "  tls:                " + (k.ssl().caCert().isPresent() || k.ssl().clientCert()
            .isPresent() ? "CA " + present(k.ssl().caCert()) + ", client certificate "
            + present(k.ssl().clientCert()) : "none")));
    new java.util.TreeMap<>(k.maskedProperties()).forEach((key, value) -> lines.add("  "
        + String.format("%-20s", key + ":") + value));
    lines.addAll(List.of(
        "producers:            " + c.connectionPool().size() + ", borrowed within "
            + c.connectionPool().timeout(),
        "jobs",
        "  workers:            " + j.concurrency() + (j.virtualThreads() ? " virtual" : "")
            + " threads, prefetch " + j.prefetch() + ", poll every " + j.pollInterval(),
        "  queues:             " + String.join(", ", j.queues()),
        "  retries:            " + j.retry() + ", timeout " + j.timeout().map(Object::toString)
            .orElse("none") + ", shutdown timeout " + j.shutdownTimeout(),
        "  dead set:           at most " + j.deadMaxJobs() + " jobs, for " + j.deadTimeout(),
        "  job store:          wired in the application's main (its server and worker)",
        "routes:               " + app.routes().size()));
    return String.join("\n", lines) + "\n";
  }

  private static String present(java.util.Optional<String> value) {
    return value.isPresent() ? "set" : "none";
  }

  private static List<Route> sorted(KarafkaApp app) {
    return app.routes().stream().sorted(Comparator.comparing(Route::topic)).toList();
  }

  private static String name(Object component) {
    String text = component.toString();
    return text.contains("@") ? component.getClass().getName() : text;
  }
}
