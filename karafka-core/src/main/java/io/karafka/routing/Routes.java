package io.karafka.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The application's routes: which controller handles which topic, and how. Drawn once, validated
 * at once, immutable after.
 *
 * <pre>{@code
 * Routes routes = Routes.draw(r -> {
 *   r.topic("binary_video_details")
 *       .group("composed_application")
 *       .controller(VideoDetailsController.class)
 *       .worker(Worker.named("DetailsWorker").queue("videos"))
 *       .parser(new XmlParser())
 *       .responder(BinaryVideoProcessingResponder.class)
 *       .inlineMode(true)
 *       .batchMode(true);
 *   r.topic("new_videos").controller(() -> new NewVideosController(videoRepository));
 * });
 * }</pre>
 *
 * Rules, all checked by {@link #draw} and reported together: topic names legal for Kafka, each
 * topic routed once, a controller on every route, an explicit group used by one route only.
 * Thread-safe once drawn.
 */
public final class Routes {
  private final List<RouteDefinition> definitions;

  private Routes(List<RouteDefinition> definitions) {
    this.definitions = List.copyOf(definitions);
  }

  /**
   * @param block draws the routes on the given {@link Drawing}
   * @return the validated routes
   * @throws RoutingException listing every problem, each naming its route
   */
  public static Routes draw(Consumer<Drawing> block) {
    Objects.requireNonNull(block, "block");
    Drawing drawing = new Drawing();
    block.accept(drawing);
    return new Routes(drawing.validate());
  }

  /** @return the routes in the order drawn */
  public List<RouteDefinition> definitions() {
    return definitions;
  }

  /** @return the route of a topic, when there is one */
  public Optional<RouteDefinition> find(String topic) {
    return definitions.stream().filter(d -> d.topic().equals(topic)).findFirst();
  }

  /** The canvas routes are drawn on. Not thread-safe; used only inside {@link #draw}. */
  public static final class Drawing {
    private final List<RouteBuilder> builders = new ArrayList<>();

    private Drawing() {}

    /**
     * Starts a route.
     *
     * @param topic the topic to route (the application's name, before the topic mapper)
     * @return the route's DSL
     */
    public RouteBuilder topic(String topic) {
      RouteBuilder builder = new RouteBuilder(topic);
      builders.add(builder);
      return builder;
    }

    private List<RouteDefinition> validate() {
      List<String> problems = new ArrayList<>();
      Set<String> topics = new LinkedHashSet<>();
      Map<String, String> groups = new HashMap<>();
      for (RouteBuilder b : builders) {
        String route = "route '" + b.topic() + "': ";
        TopicNames.problem(b.topic()).ifPresent(p -> problems.add(route + p));
        if (b.topic() != null && !topics.add(b.topic())) {
          problems.add(route + "topic '" + b.topic() + "' is routed more than once; each topic"
              + " may have one route");
        }
        if (!b.hasController()) {
          problems.add(route + "no controller; add .controller(YourController.class) or"
              + " .controller(() -> new YourController(...))");
        } else {
          b.probeFactories(route, problems);
        }
        if (b.group() != null) {
          if (b.group().isBlank()) {
            problems.add(route + "group must not be blank; drop .group(...) to use the default"
                + " (app name + topic)");
          } else {
            String other = groups.putIfAbsent(b.group(), b.topic());
            if (other != null && !other.equals(b.topic())) {
              problems.add(route + "group '" + b.group() + "' is already used by route '" + other
                  + "'; a group serves a single topic (give this route another group, or drop"
                  + " .group(...) to use the default)");
            }
          }
        }
      }
      if (builders.isEmpty()) {
        problems.add("no routes: draw at least one with r.topic(\"...\").controller(...)");
      }
      if (!problems.isEmpty()) {
        throw new RoutingException(problems);
      }
      return builders.stream().map(RouteBuilder::build).toList();
    }
  }
}
