package io.karafka.app.internal;

import io.karafka.app.ConfigProblem;
import io.karafka.app.ConfigurationException;
import io.karafka.app.KarafkaConfig;
import io.karafka.controller.Controller;
import io.karafka.controller.ControllerFactory;
import io.karafka.interchange.Interchanger;
import io.karafka.job.Worker;
import io.karafka.parse.Parser;
import io.karafka.responder.Responder;
import io.karafka.routing.Instances;
import io.karafka.routing.Route;
import io.karafka.routing.RouteDefinition;
import io.karafka.routing.Routes;
import io.karafka.routing.RoutingException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/** Applies the app's defaults to drawn routes and checks what needs the app to check. */
public final class RouteResolver {
  private final KarafkaConfig config;

  public RouteResolver(KarafkaConfig config) {
    this.config = config;
  }

  public List<Route> resolve(Routes routes) {
    List<ConfigProblem> configProblems = new ArrayList<>();
    Optional<Parser> defaultParser = config.parser().or(() -> load(Parser.class));
    Optional<Interchanger> defaultInterchanger =
        config.interchanger().or(() -> load(Interchanger.class));
    List<String> problems = new ArrayList<>();
    Map<String, String> groups = new HashMap<>();
    List<Route> resolved = new ArrayList<>();
    for (RouteDefinition d : routes.definitions()) {
      String name = "route '" + d.topic() + "': ";
      String group = d.group().orElse(config.name() + "_" + d.topic());
      String other = groups.putIfAbsent(group, d.topic());
      if (other != null) {
        problems.add(name + "group '" + group + "' is already used by route '" + other
            + "'; a group serves a single topic (give this route another group)");
      }
      Optional<Parser> parser = d.parser().or(() -> defaultParser);
      Optional<Interchanger> interchanger = d.interchanger().or(() -> defaultInterchanger);
      if (parser.isEmpty()) {
        configProblems.add(new ConfigProblem("parser", null, "route '" + d.topic() + "' has no"
            + " parser and there is no default", "add io.karafka:karafka-json to the class path"
            + " (the default JSON parser), or set .parser(...) in setup or on the route"));
      }
      if (interchanger.isEmpty()) {
        configProblems.add(new ConfigProblem("interchanger", null, "route '" + d.topic() + "' has"
            + " no interchanger and there is no default", "add io.karafka:karafka-json to the"
            + " class path (the default JSON interchanger), or set .interchanger(...) in setup or"
            + " on the route"));
      }
      Instances<Controller> controller = instances(d.controller(), d.controllerFactory());
      Optional<Instances<Responder<?>>> responder = d.responder()
          .or(() -> conventionalResponder(d.controller()))
          .map(type -> instances(type, d.responderFactory()));
      if (d.controllerFactory().isEmpty()) {
        checkCreatable(name + "controller ", controller, problems);
      }
      responder.filter(r -> d.responderFactory().isEmpty())
          .ifPresent(r -> checkCreatable(name + "responder ", r, problems));
      boolean batchMode = d.batchMode().orElse(config.batchMode());
      if (d.perKey() && batchMode) {
        problems.add(name + "per-key mode runs messages one by one, batch mode a whole poll at"
            + " once: set .batchMode(false) on the route, or drop .perKey(true)");
      }
      if (parser.isPresent() && interchanger.isPresent()) {
        resolved.add(new Route(d.topic(), group, controller,
            d.worker().orElseGet(() -> defaultWorker(d.controller())), parser.get(),
            interchanger.get(), responder, d.inlineMode().orElse(config.inlineMode()),
            batchMode, d.perKey()));
      }
    }
    if (!configProblems.isEmpty()) {
      throw new ConfigurationException(dedupe(configProblems));
    }
    if (!problems.isEmpty()) {
      throw new RoutingException(problems);
    }
    return resolved;
  }

  /** @return {@code UsersCreateController} → {@code UsersCreateWorker} on the app's settings */
  private Worker defaultWorker(Class<? extends Controller> controller) {
    String simple = controller.getSimpleName();
    String base = simple.endsWith("Controller")
        ? simple.substring(0, simple.length() - "Controller".length()) : simple;
    Worker worker = Worker.named(base + "Worker").retry(config.jobs().retry());
    return config.jobs().timeout().map(worker::timeout).orElse(worker);
  }

  /** @return the route's own factory, or the app's ControllerFactory making {@code type} */
  private <T> Instances<T> instances(Class<? extends T> type,
                                     Optional<? extends java.util.function.Supplier<? extends T>> own) {
    ControllerFactory factory = config.controllerFactory();
    return new Instances<T>(type, own.isPresent() ? own.get() : () -> factory.create(type));
  }

  /** @return {@code a.b.UsersCreateController} → {@code a.b.UsersCreateResponder}, if it exists */
  @SuppressWarnings("unchecked")
  private static Optional<Class<? extends Responder<?>>> conventionalResponder(
      Class<? extends Controller> controller) {
    String name = controller.getName();
    if (!name.endsWith("Controller")) {
      return Optional.empty();
    }
    String candidate = name.substring(0, name.length() - "Controller".length()) + "Responder";
    try {
      Class<?> type = Class.forName(candidate, false, controller.getClassLoader());
      if (Responder.class.isAssignableFrom(type)) {
        return Optional.of((Class<? extends Responder<?>>) type);
      }
    } catch (ClassNotFoundException | LinkageError e) {
      // no responder by convention: the route responds nowhere
    }
    return Optional.empty();
  }

  /**
   * Creates one instance at boot, so that a controller or responder the factory cannot build
   * fails here, naming the route, instead of blocking its partition at the first message.
   */
  private static void checkCreatable(String what, Instances<?> instances,
                                     List<String> problems) {
    try {
      instances.factory().get();
    } catch (RuntimeException | LinkageError e) {
      problems.add(what + instances.type().getName() + " cannot be created: " + e.getMessage());
    }
  }

  private static <T> Optional<T> load(Class<T> type) {
    return ServiceLoader.load(type, RouteResolver.class.getClassLoader()).findFirst()
        .or(() -> ServiceLoader.load(type).findFirst());
  }

  private static List<ConfigProblem> dedupe(List<ConfigProblem> problems) {
    Map<String, ConfigProblem> byKey = new java.util.LinkedHashMap<>();
    for (ConfigProblem p : problems) {
      byKey.putIfAbsent(p.key(), p);
    }
    return List.copyOf(byKey.values());
  }
}
