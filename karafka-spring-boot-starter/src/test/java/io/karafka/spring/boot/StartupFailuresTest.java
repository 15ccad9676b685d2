package io.karafka.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.karafka.KarafkaException;
import io.karafka.app.ConfigurationException;
import io.karafka.routing.RoutingException;
import io.karafka.spring.boot.internal.KarafkaFailureAnalyzer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Bad settings and wiring stop the context's start with the framework's own message, and the
 * failure analyzer turns it into a description and an action naming the properties to fix.
 */
class StartupFailuresTest {
  private final KarafkaFailureAnalyzer analyzer = new KarafkaFailureAnalyzer();

  @Test
  void badValuesFailTheStartWithEveryProblemInTheFrameworksWords() {
    RuntimeException failure = assertThrows(RuntimeException.class, () -> Boot.run(
        TestApps.Inline.class, "karafka.name=shop", "karafka.kafka.hosts=localhost",
        "karafka.jobs.concurrency=0", "karafka.kafka.session-timeout=-5s"));
    ConfigurationException error = assertInstanceOf(ConfigurationException.class,
        cause(failure));
    String message = """
        Invalid Karafka configuration (3 problems):
          - kafka.hosts = 'localhost': each host must be host:port with a port from 1 to 65535.\
         Fix: set e.g. .hosts("127.0.0.1:9092")
          - kafka.sessionTimeout = PT-5S: must be a positive duration. Fix: set e.g.\
         .sessionTimeout(Duration.ofSeconds(30))
          - jobs.concurrency = 0: must be between 1 and 10000. Fix: set e.g. .concurrency(10)""";
    assertEquals(message, error.getMessage());
    FailureAnalysis analysis = analyzer.analyze(failure);
    assertEquals(message, analysis.getDescription());
    assertEquals("""
        Fix the settings (application.yml, or the environment):
          - karafka.kafka.hosts (KARAFKA_KAFKA_HOSTS): set e.g. .hosts("127.0.0.1:9092")
          - karafka.kafka.session-timeout (KARAFKA_KAFKA_SESSIONTIMEOUT): set e.g.\
         .sessionTimeout(Duration.ofSeconds(30))
          - karafka.jobs.concurrency (KARAFKA_JOBS_CONCURRENCY): set e.g. .concurrency(10)""",
        analysis.getAction());
  }

  @Test
  void aMissingNameIsNamedWithItsProperty() {
    RuntimeException failure = assertThrows(RuntimeException.class, () -> Boot.run(
        TestApps.Inline.class, "karafka.kafka.hosts=127.0.0.1:9092"));
    assertEquals("Invalid Karafka configuration: name = null: is required. Fix: set the"
        + " application name, e.g. .name(\"my_application\")", cause(failure).getMessage());
    assertEquals("Fix the setting (application.yml, or the environment):\n  - karafka.name"
        + " (KARAFKA_NAME), or spring.application.name: set the application name, e.g."
        + " .name(\"my_application\")", analyzer.analyze(failure).getAction());
  }

  @Test
  void aSingletonControllerBeanFailsTheStartNamingTheBean() {
    RuntimeException failure = assertThrows(RuntimeException.class, () -> Boot.run(
        TestApps.Singleton.class, "karafka.name=shop", "karafka.kafka.hosts=127.0.0.1:9092"));
    RoutingException error = assertInstanceOf(RoutingException.class, cause(failure));
    assertEquals("route 'shared': controller " + TestApps.SharedController.class.getName()
        + " cannot be created: bean 'sharedController' ("
        + TestApps.SharedController.class.getName() + ") is a singleton, but Karafka needs a"
        + " new instance for every message (a responder: for every response). Annotate it with"
        + " @Scope(\"prototype\"), or remove the bean: the starter then creates"
        + " SharedController itself, with its constructor's dependencies injected",
        error.getMessage());
    assertEquals("Fix the route in the app's KarafkaRoutes bean. A controller or responder is"
        + " created once at start to check it: Karafka needs a new instance for every message,"
        + " so a bean of its class must be @Scope(\"prototype\").",
        analyzer.analyze(failure).getAction());
  }

  @Test
  void backgroundRoutesWithoutAStoreFailTheStartSayingWhatToSet() {
    RuntimeException failure = assertThrows(RuntimeException.class, () -> Boot.run(
        TestApps.Background.class, "karafka.name=shop", "karafka.kafka.hosts=127.0.0.1:9092"));
    String fix = "set karafka.store: jdbc (PostgreSQL on the application's DataSource; add"
        + " karafka-queue-jdbc and spring-boot-starter-jdbc) or karafka.redis.url (add"
        + " karafka-queue-redis); or perform them in the consumer: karafka.inline-mode: true, or"
        + " .inlineMode(true) on those routes";
    assertEquals("Invalid Karafka configuration: store = null: routes [pings] perform in the"
        + " background (inline-mode false) and no job store is configured. Fix: " + fix,
        cause(failure).getMessage());
    assertEquals("Fix the setting (application.yml, or the environment):\n  - karafka.store"
        + " (KARAFKA_STORE): " + fix, analyzer.analyze(failure).getAction());
  }

  @Test
  void anUnknownStoreOrConsumerGroupIsNamed() {
    RuntimeException store = assertThrows(RuntimeException.class, () -> Boot.run(
        TestApps.Inline.class, "karafka.name=shop", "karafka.kafka.hosts=127.0.0.1:9092",
        "karafka.store=mongo"));
    assertEquals("Invalid Karafka configuration: store = 'mongo': must be jdbc, redis or"
        + " inline. Fix: set e.g. karafka.store: jdbc, or leave it out (then Redis when"
        + " karafka.redis.url is set)", cause(store).getMessage());
    RuntimeException groups = assertThrows(RuntimeException.class, () -> Boot.run(
        TestApps.Inline.class, "karafka.name=shop", "karafka.kafka.hosts=127.0.0.1:9092",
        "karafka.server.include-groups=shop_pings,nope", "karafka.server.exclude-groups=x"));
    assertEquals("""
        Invalid Karafka configuration (2 problems):
          - server.includeGroups = 'nope': is not a consumer group of the app. Fix: use one of\
         [shop_pings]
          - server.excludeGroups = 'x': is not a consumer group of the app. Fix: use one of\
         [shop_pings]""", cause(groups).getMessage());
    assertEquals("""
        Fix the settings (application.yml, or the environment):
          - karafka.server.include-groups (KARAFKA_SERVER_INCLUDEGROUPS): use one of [shop_pings]
          - karafka.server.exclude-groups (KARAFKA_SERVER_EXCLUDEGROUPS): use one of\
         [shop_pings]""", analyzer.analyze(groups).getAction());
  }

  /** @return the outermost Karafka exception of a failed start */
  private static KarafkaException cause(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof KarafkaException k) {
        return k;
      }
    }
    throw new AssertionError("no Karafka exception in", failure);
  }
}
