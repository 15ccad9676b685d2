package io.karafka.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.controller.Controller;
import io.karafka.interchange.Interchanger;
import io.karafka.job.Worker;
import io.karafka.parse.Parser;
import io.karafka.responder.Responder;
import io.karafka.routing.Instances;
import io.karafka.routing.Route;
import io.karafka.routing.RoutingException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KarafkaAppTest {
  public static class UsersCreateController extends Controller {
    @Override
    protected void perform() {}
  }

  public static class FooController extends Controller {
    @Override
    protected void perform() {}
  }

  @SuppressWarnings("this-escape") // responders register topics in their constructor
  public static class FooResponder extends Responder<Object> {
    public FooResponder() {
      topic("foo_done");
    }

    @Override
    protected void respond(Object data) {}
  }

  public static class OtherResponder extends Responder<Object> {
    @Override
    protected void respond(Object data) {}
  }

  @SuppressWarnings("this-escape")
  public static class BadTopicResponder extends Responder<Object> {
    public BadTopicResponder() {
      topic("bad topic");
    }

    @Override
    protected void respond(Object data) {}
  }

  private final Parser parser = new AppFixtures.TextParser();
  private final Interchanger interchanger = new AppFixtures.NoInterchanger();

  private KarafkaApp.Builder app() {
    return KarafkaApp.builder().setup(c -> c.name("app").environment(new Environment("test"))
        .parser(parser).interchanger(interchanger));
  }

  @Test
  void resolvesRoutesWithTheAppDefaults() {
    KarafkaApp app = app()
        .setup(c -> c.jobs(j -> j.retry(7).timeout(Duration.ofMinutes(2))))
        .routes(r -> r.topic("users_create").controller(UsersCreateController.class))
        .build();

    Route route = app.route("users_create").orElseThrow();
    assertEquals(new Route("users_create", "app_users_create", route.controller(),
        new Worker("UsersCreateWorker", "default", 7, Optional.of(Duration.ofMinutes(2))),
        parser, interchanger, Optional.empty(), false, false, false), route);
    assertEquals(UsersCreateController.class, route.controller().type());
    assertEquals(UsersCreateController.class, route.controller().create().getClass());
    assertEquals(List.of(route), app.routes());
    assertEquals(Optional.empty(), app.route("missing"));
  }

  @Test
  void defaultWorkerTakesTheAppRetryAndNoTimeout() {
    KarafkaApp app = app()
        .routes(r -> r.topic("plain").controller(AppFixtures.Plain.class))
        .build();

    Route route = app.routes().getFirst();
    assertEquals(Worker.named("PlainWorker"), route.worker());
    assertEquals(25, route.worker().retry());
    assertEquals(Optional.empty(), route.worker().timeout());
  }

  @Test
  void routeOverridesWinOverAppDefaults() {
    Parser routeParser = new AppFixtures.TextParser();
    Interchanger routeInterchanger = new AppFixtures.NoInterchanger();
    Worker worker = Worker.named("SlowWorker").queue("slow").retry(1);

    KarafkaApp app = app()
        .setup(c -> c.inlineMode(true).batchMode(false))
        .routes(r -> r.topic("users_create").group("shared_group")
            .controller(UsersCreateController.class).worker(worker).parser(routeParser)
            .interchanger(routeInterchanger).inlineMode(false).batchMode(true))
        .build();

    Route route = app.routes().getFirst();
    assertEquals("shared_group", route.group());
    assertSame(worker, route.worker());
    assertSame(routeParser, route.parser());
    assertSame(routeInterchanger, route.interchanger());
    assertFalse(route.inlineMode());
    assertTrue(route.batchMode());
  }

  @Test
  void appModesApplyToRoutesWithoutOverrides() {
    KarafkaApp app = app()
        .setup(c -> c.inlineMode(true).batchMode(true))
        .routes(r -> r.topic("plain").controller(AppFixtures.Plain.class))
        .build();

    assertTrue(app.routes().getFirst().inlineMode());
    assertTrue(app.routes().getFirst().batchMode());
  }

  @Test
  void explicitGroupCollidingWithADefaultGroupIsRejected() {
    RoutingException e = assertThrows(RoutingException.class, () -> app()
        .routes(r -> {
          r.topic("users").controller(AppFixtures.Plain.class);
          r.topic("orders").group("app_users").controller(AppFixtures.Plain.class);
        })
        .build());

    assertEquals("route 'orders': group 'app_users' is already used by route 'users'; a group"
        + " serves a single topic (give this route another group)", e.getMessage());
  }

  @Test
  void defaultGroupCollidingWithAnEarlierExplicitGroupIsRejected() {
    RoutingException e = assertThrows(RoutingException.class, () -> app()
        .routes(r -> {
          r.topic("orders").group("app_users").controller(AppFixtures.Plain.class);
          r.topic("users").controller(AppFixtures.Plain.class);
        })
        .build());

    assertEquals("route 'users': group 'app_users' is already used by route 'orders'; a group"
        + " serves a single topic (give this route another group)", e.getMessage());
  }

  @Test
  void findsTheResponderByNamingConvention() {
    KarafkaApp app = app().routes(r -> r.topic("foo").controller(FooController.class)).build();

    assertEquals(Optional.of(FooResponder.class),
        app.routes().getFirst().responder().map(Instances::type));
  }

  @Test
  void noResponderWhenNoneExistsByConvention() {
    KarafkaApp app = app().routes(r -> {
      r.topic("users").controller(UsersCreateController.class);
      r.topic("plain").controller(AppFixtures.Plain.class);
    }).build();

    assertEquals(Optional.empty(), app.route("users").orElseThrow().responder());
    assertEquals(Optional.empty(), app.route("plain").orElseThrow().responder());
  }

  @Test
  void explicitResponderWinsOverConvention() {
    KarafkaApp app = app().routes(r -> r.topic("foo").controller(FooController.class)
        .responder(OtherResponder.class)).build();

    assertEquals(Optional.of(OtherResponder.class),
        app.routes().getFirst().responder().map(Instances::type));
  }

  @Test
  void responderThatCannotBeCreatedFailsTheBoot() {
    RoutingException e = assertThrows(RoutingException.class, () -> app()
        .routes(r -> r.topic("foo").controller(AppFixtures.Plain.class).responder(BadTopicResponder.class))
        .build());

    String type = BadTopicResponder.class.getName();
    assertEquals("route 'foo': responder " + type + " cannot be created: constructor of " + type
        + " threw java.lang.IllegalArgumentException: BadTopicResponder: topic name 'bad topic'"
        + " is not legal in Kafka: use only ASCII letters, digits, '.', '_' and '-'",
        e.getMessage());
  }

  /** A controller the reflective factory cannot create: it has no no-argument constructor. */
  public static class NeedsARepository extends io.karafka.controller.Controller {
    /** @param repository what a DI container would pass */
    public NeedsARepository(Object repository) {
      java.util.Objects.requireNonNull(repository);
    }

    @Override
    protected void perform() {
    }
  }

  @Test
  void aControllerThatCannotBeCreatedFailsTheBootNamingTheRouteAndTheFix() {
    RoutingException e = assertThrows(RoutingException.class, () -> app()
        .routes(r -> r.topic("orders").controller(NeedsARepository.class)).build());

    String type = NeedsARepository.class.getName();
    assertEquals("route 'orders': controller " + type + " cannot be created: cannot create "
        + type + ": it needs a public no-argument constructor (and must be public, and static if"
        + " nested); or give its route a factory, .controller(() -> new NeedsARepository(...)) or"
        + " .responder(() -> new NeedsARepository(...)); or wire a ControllerFactory that can"
        + " build it (e.g. applicationContext::getBean)", e.getMessage());
  }

  @Test
  void aControllerTheAppsFactoryCreatesBoots() {
    KarafkaApp app = app().setup(c -> c.controllerFactory(new io.karafka.controller
        .ControllerFactory() {
          @Override
          public <T> T create(Class<T> type) {
            return type.cast(new NeedsARepository("repository"));
          }
        })).routes(r -> r.topic("orders").controller(NeedsARepository.class)).build();

    assertEquals("orders", app.routes().getFirst().topic());
  }
}
