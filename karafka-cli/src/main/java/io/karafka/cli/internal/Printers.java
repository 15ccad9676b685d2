package io.karafka.cli.internal;

import io.karafka.app.KarafkaApp;
import io.karafka.app.KarafkaConfig;
import io.karafka.responder.Responder;
import io.karafka.responder.TopicOptions;
import io.karafka.routing.Route;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** What {@code routes}, {@code flow} and {@code info} print. */
public final class Printers {
  private Printers() {}

  /** @return every route in alphabetical order with all its options */
  public static String routes(KarafkaApp app) {
    StringBuilder out = new StringBuilder();
    for (Route r : sorted(app)) {
      out.append(r.topic()).append('\n')
          .append("  group:        ").append(r.group()).append('\n')
          .append("  controller:   ").append(r.controller().type().getName()).append('\n')
          .append("  worker:       ").append(r.worker().name()).append(" (queue ")
          .append(r.worker().queue()).append(", retry ").append(r.worker().retry())
          .append(r.worker().timeout().map(t -> ", timeout " + t).orElse("")).append(")\n")
          .append("  parser:       ").append(name(r.parser())).append('\n')
          .append("  interchanger: ").append(name(r.interchanger())).append('\n')
          .append("  responder:    ").append(r.responder().map(i -> i.type().getName()).orElse("-"))
          .append('\n')
          .append("  inline:       ").append(r.inlineMode()).append('\n')
          .append("  batch:        ").append(r.batchMode()).append('\n');
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

  /** @return the configuration, secrets masked */
  public static String info(KarafkaApp app) {
    KarafkaConfig c = app.config();
    return String.join("\n", List.of(
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
        "kafka:                " + c.kafka(),
        "connection pool:      size " + c.connectionPool().size() + ", timeout "
            + c.connectionPool().timeout(),
        "jobs:                 concurrency " + c.jobs().concurrency() + (c.jobs().virtualThreads()
            ? " (virtual threads)" : "") + ", queues " + c.jobs().queues() + ", retry "
            + c.jobs().retry() + ", timeout " + c.jobs().timeout().map(Object::toString)
            .orElse("none") + ", shutdown timeout " + c.jobs().shutdownTimeout(),
        "routes:               " + app.routes().size())) + "\n";
  }

  private static List<Route> sorted(KarafkaApp app) {
    return app.routes().stream().sorted(Comparator.comparing(Route::topic)).toList();
  }

  private static String name(Object component) {
    String text = component.toString();
    return text.contains("@") ? component.getClass().getName() : text;
  }
}
