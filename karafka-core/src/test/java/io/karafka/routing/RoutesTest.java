package io.karafka.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.karafka.app.AppFixtures;
import io.karafka.controller.Controller;
import io.karafka.interchange.Interchanger;
import io.karafka.job.Worker;
import io.karafka.parse.Parser;
import io.karafka.responder.Responder;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoutesTest {
  public static class VideosController extends Controller {
    @Override
    protected void perform() {}
  }

  public static class UsersController extends Controller {
    @Override
    protected void perform() {}
  }

  public static class VideosResponder extends Responder<Object> {
    @Override
    protected void respond(Object data) {}
  }

  private static RoutingException failing(Consumer<Routes.Drawing> block) {
    return assertThrows(RoutingException.class, () -> Routes.draw(block));
  }

  @Test
  void drawsARouteWithEveryOption() {
    Parser parser = new AppFixtures.TextParser();
    Interchanger interchanger = new AppFixtures.NoInterchanger();
    Worker worker = Worker.named("DetailsWorker").queue("videos");

    Routes routes = Routes.draw(r -> {
      r.topic("binary_video_details")
          .group("composed_application")
          .controller(VideosController.class)
          .worker(worker)
          .parser(parser)
          .interchanger(interchanger)
          .responder(VideosResponder.class)
          .inlineMode(true)
          .batchMode(false);
      r.topic("new_users").controller(UsersController.class);
    });

    RouteDefinition full = routes.definitions().getFirst();
    assertEquals(new RouteDefinition("binary_video_details", Optional.of("composed_application"),
        VideosController.class, Optional.empty(), Optional.of(worker), Optional.of(parser),
        Optional.of(interchanger), Optional.of(VideosResponder.class), Optional.empty(),
        Optional.of(true), Optional.of(false), false), full);
    assertEquals(new RouteDefinition("new_users", Optional.empty(), UsersController.class,
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), false),
        routes.definitions().get(1));
  }

  @Test
  void keepsTheOrderDrawnAndFindsByTopic() {
    Routes routes = Routes.draw(r -> {
      r.topic("b").controller(UsersController.class);
      r.topic("a").controller(VideosController.class);
    });

    assertEquals(List.of("b", "a"),
        routes.definitions().stream().map(RouteDefinition::topic).toList());
    assertEquals(VideosController.class, routes.find("a").orElseThrow().controller());
    assertEquals(Optional.empty(), routes.find("c"));
    assertThrows(UnsupportedOperationException.class, () -> routes.definitions().clear());
  }

  @Test
  void acceptsTheLongestLegalTopicName() {
    String name = "a".repeat(249);

    Routes routes = Routes.draw(r -> r.topic(name).controller(UsersController.class));

    assertEquals(name, routes.definitions().getFirst().topic());
  }

  @ParameterizedTest
  @ValueSource(strings = {"bad topic", "users/created", "ünicode"})
  void rejectsIllegalCharacters(String topic) {
    RoutingException e = failing(r -> r.topic(topic).controller(UsersController.class));

    assertEquals("route '" + topic + "': topic name '" + topic + "' is not legal in Kafka: use"
        + " only ASCII letters, digits, '.', '_' and '-'", e.getMessage());
  }

  @Test
  void rejectsEmptyTopic() {
    RoutingException e = failing(r -> r.topic("").controller(UsersController.class));

    assertEquals("route '': topic name must not be empty", e.getMessage());
    assertEquals(List.of("route '': topic name must not be empty"), e.problems());
  }

  @ParameterizedTest
  @ValueSource(strings = {".", ".."})
  void rejectsDotTopics(String topic) {
    RoutingException e = failing(r -> r.topic(topic).controller(UsersController.class));

    assertEquals("route '" + topic + "': topic name '" + topic + "' is not allowed by Kafka",
        e.getMessage());
  }

  @Test
  void rejectsTooLongTopic() {
    String name = "a".repeat(250);

    RoutingException e = failing(r -> r.topic(name).controller(UsersController.class));

    assertEquals("route '" + name + "': topic name '" + name + "' is 250 characters long; Kafka"
        + " allows at most 249", e.getMessage());
  }

  @Test
  void rejectsDuplicateTopic() {
    RoutingException e = failing(r -> {
      r.topic("users").controller(UsersController.class);
      r.topic("users").controller(VideosController.class);
    });

    assertEquals("route 'users': topic 'users' is routed more than once; each topic may have"
        + " one route", e.getMessage());
  }

  @Test
  void rejectsMissingController() {
    RoutingException e = failing(r -> r.topic("users").group("g"));

    assertEquals("route 'users': no controller; add .controller(YourController.class) or"
            + " .controller(() -> new YourController(...))",
        e.getMessage());
  }

  @Test
  void rejectsGroupReusedByAnotherRoute() {
    RoutingException e = failing(r -> {
      r.topic("users").group("shared").controller(UsersController.class);
      r.topic("videos").group("shared").controller(VideosController.class);
    });

    assertEquals("route 'videos': group 'shared' is already used by route 'users'; a group"
        + " serves a single topic (give this route another group, or drop .group(...) to use"
        + " the default)", e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void rejectsBlankGroup(String group) {
    RoutingException e = failing(r -> r.topic("users").group(group)
        .controller(UsersController.class));

    assertEquals("route 'users': group must not be blank; drop .group(...) to use the default"
        + " (app name + topic)", e.getMessage());
  }

  @Test
  void rejectsZeroRoutes() {
    RoutingException e = failing(r -> { });

    assertEquals("no routes: draw at least one with r.topic(\"...\").controller(...)",
        e.getMessage());
  }

  @Test
  void reportsEveryProblemTogether() {
    RoutingException e = failing(r -> {
      r.topic("bad topic").controller(UsersController.class);
      r.topic("users").group("g").controller(UsersController.class);
      r.topic("users").controller(UsersController.class);
      r.topic("videos").group("g");
    });

    assertEquals(List.of(
        "route 'bad topic': topic name 'bad topic' is not legal in Kafka: use only ASCII"
            + " letters, digits, '.', '_' and '-'",
        "route 'users': topic 'users' is routed more than once; each topic may have one route",
        "route 'videos': no controller; add .controller(YourController.class) or"
            + " .controller(() -> new YourController(...))",
        "route 'videos': group 'g' is already used by route 'users'; a group serves a single"
            + " topic (give this route another group, or drop .group(...) to use the default)"),
        e.problems());
    assertEquals("4 routing problems:\n  - " + String.join("\n  - ", e.problems()),
        e.getMessage());
    assertEquals("""
        4 routing problems:
          - route 'bad topic': topic name 'bad topic' is not legal in Kafka: use only ASCII\
         letters, digits, '.', '_' and '-'
          - route 'users': topic 'users' is routed more than once; each topic may have one route
          - route 'videos': no controller; add .controller(YourController.class) or\
         .controller(() -> new YourController(...))
          - route 'videos': group 'g' is already used by route 'users'; a group serves a single\
         topic (give this route another group, or drop .group(...) to use the default)""",
        e.getMessage());
  }

  @Test
  void drawRequiresABlock() {
    assertThrows(NullPointerException.class, () -> Routes.draw(null));
  }
}
