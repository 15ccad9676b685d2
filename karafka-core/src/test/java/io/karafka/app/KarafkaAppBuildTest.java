package io.karafka.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.interchange.Interchanger;
import io.karafka.monitor.Event;
import io.karafka.monitor.Monitor;
import io.karafka.parse.Parser;
import io.karafka.routing.RoutingException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Building an app: default parser and interchanger, configurators, environment, copies. */
class KarafkaAppBuildTest {
  public static final class FailingConfigurator implements Configurator {
    @Override
    public void configure(KarafkaApp app) {
      throw new IllegalStateException("boom");
    }
  }

  private final Parser parser = new AppFixtures.TextParser();
  private final Interchanger interchanger = new AppFixtures.NoInterchanger();

  private KarafkaApp.Builder app() {
    return KarafkaApp.builder().setup(c -> c.name("app").environment(new Environment("test"))
        .parser(parser).interchanger(interchanger));
  }

  @Test
  void missingParserWithoutDefaultIsAConfigurationProblem() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> KarafkaApp
        .builder()
        .setup(c -> c.name("app").environment(new Environment("test"))
            .interchanger(interchanger))
        .routes(r -> {
          r.topic("users").controller(AppFixtures.Plain.class).parser(parser);
          r.topic("orders").controller(AppFixtures.Plain.class);
        })
        .build());

    assertEquals("Invalid Karafka configuration: parser = null: route 'orders' has no parser and"
        + " there is no default. Fix: add io.karafka:karafka-json to the class path (the default"
        + " JSON parser), or set .parser(...) in setup or on the route", e.getMessage());
  }

  @Test
  void missingParserAndInterchangerAreReportedOnceEach() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> KarafkaApp
        .builder()
        .setup(c -> c.name("app").environment(new Environment("test")))
        .routes(r -> {
          r.topic("users").controller(AppFixtures.Plain.class);
          r.topic("orders").controller(AppFixtures.Plain.class);
        })
        .build());

    assertEquals("""
        Invalid Karafka configuration (2 problems):
          - parser = null: route 'users' has no parser and there is no default. Fix: add\
         io.karafka:karafka-json to the class path (the default JSON parser), or set\
         .parser(...) in setup or on the route
          - interchanger = null: route 'users' has no interchanger and there is no default.\
         Fix: add io.karafka:karafka-json to the class path (the default JSON interchanger), or\
         set .interchanger(...) in setup or on the route""", e.getMessage());
    assertEquals(2, e.problems().size());
  }

  @Test
  void configuratorsRunInOrderAfterSetupAndReceiveTheApp() {
    List<String> calls = new ArrayList<>();
    List<KarafkaApp> received = new ArrayList<>();

    KarafkaApp app = app()
        .routes(r -> r.topic("plain").controller(AppFixtures.Plain.class))
        .configurator(a -> {
          calls.add("first " + a.name() + " " + a.routes().size());
          received.add(a);
        })
        .configurator(a -> calls.add("second " + a.env()))
        .configurator(a -> calls.add("third"))
        .build();

    assertEquals(List.of("first app 1", "second test", "third"), calls);
    assertEquals(List.of(app), received);
  }

  @Test
  void failingConfiguratorIsNamedByItsPosition() {
    List<String> calls = new ArrayList<>();
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> app()
        .routes(r -> r.topic("plain").controller(AppFixtures.Plain.class))
        .configurator(a -> calls.add("first"))
        .configurator(new FailingConfigurator())
        .configurator(a -> calls.add("third"))
        .build());

    assertEquals("Invalid Karafka configuration: configurators[2] = '"
        + FailingConfigurator.class.getName() + "': failed with java.lang.IllegalStateException:"
        + " boom. Fix: fix the configurator or its settings", e.getMessage());
    assertEquals("configurators[2]", e.problems().getFirst().key());
    assertEquals("boom", e.getCause().getMessage());
    assertEquals(List.of("first"), calls);
  }

  @Test
  void environmentIsVisibleThroughTheApp() {
    KarafkaApp app = app()
        .setup(c -> c.environment(new Environment("production")))
        .routes(r -> r.topic("plain").controller(AppFixtures.Plain.class))
        .build();

    assertTrue(app.env().isProduction());
    assertEquals("app", app.name());
    assertSame(app.monitor(), app.monitor());
    assertEquals("KarafkaApp[app, production, 1 routes]", app.toString());
  }

  @Test
  void configBuiltElsewhereIsUsed() {
    KarafkaConfig config = KarafkaConfig.builder().name("other").environment(new Environment("t"))
        .parser(parser).interchanger(interchanger).build();

    KarafkaApp app = KarafkaApp.builder().config(config)
        .routes(r -> r.topic("plain").controller(AppFixtures.Plain.class)).build();

    assertSame(config, app.config());
    assertEquals("other_plain", app.routes().getFirst().group());
  }

  @Test
  void buildWithoutRoutesFails() {
    RoutingException e = assertThrows(RoutingException.class, () -> app().build());

    assertEquals("no routes: call .routes(r -> r.topic(\"...\").controller(...)) on the app"
        + " builder", e.getMessage());
  }

  @Test
  void withMonitorAndWithClockCopyTheApp() {
    KarafkaApp app = app().routes(r -> r.topic("plain").controller(AppFixtures.Plain.class))
        .build();
    List<Event> told = new java.util.ArrayList<>();
    Monitor monitor = told::add;
    Clock clock = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);

    KarafkaApp monitored = app.withMonitor(monitor);
    KarafkaApp clocked = app.withClock(clock);

    monitored.monitor().notice(new Event.Rebalanced("g", List.of(), List.of()));
    assertEquals(List.of(new Event.Rebalanced("g", List.of(), List.of())), told);
    assertSame(monitor, monitored.config().monitor());
    assertEquals(app.routes(), monitored.routes());
    assertEquals(app.config().withMonitor(monitor), monitored.config());
    assertSame(clock, clocked.config().clock());
    assertEquals(app.routes(), clocked.routes());
    assertSame(app.config().monitor(), clocked.config().monitor());
    assertNotSame(monitor, app.monitor());
    assertEquals("monitor", assertThrows(NullPointerException.class,
        () -> app.withMonitor(null)).getMessage());
    assertEquals("clock", assertThrows(NullPointerException.class,
        () -> app.withClock(null)).getMessage());
  }
}
