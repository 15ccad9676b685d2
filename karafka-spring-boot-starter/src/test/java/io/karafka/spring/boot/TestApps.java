package io.karafka.spring.boot;

import io.karafka.controller.Controller;
import io.karafka.responder.Responder;
import io.karafka.testkit.RecordingMonitor;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Scope;

/** Small applications for the starter's tests. */
final class TestApps {
  private TestApps() {}

  /** What controllers saw. */
  static final class Seen {
    final List<String> names = new CopyOnWriteArrayList<>();
  }

  /** A controller with an injected dependency. */
  public static class PingController extends Controller {
    private final Seen seen;

    /** @param seen injected */
    public PingController(Seen seen) {
      this.seen = seen;
    }

    @Override
    protected void perform() {
      seen.names.add(params().getString("name"));
      respondWith(params().getString("name"));
    }
  }

  /** Found by name from {@link PingController}; no bean: created with injection. */
  public static class PingResponder extends Responder<String> {
    /** Registers its topic. */
    public PingResponder() {
      topic("pongs");
    }

    @Override
    protected void respond(String name) {
      respondTo("pongs", name);
    }
  }

  /** A singleton controller bean: the starter refuses it. */
  public static class SharedController extends Controller {
    @Override
    protected void perform() {}
  }

  /** The shared beans. */
  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  static class Base {
    @Bean
    Seen seen() {
      return new Seen();
    }
  }

  /** An inline app: {@code pings} performed by a prototype controller bean. */
  @Configuration(proxyBeanMethods = false)
  @Import(Base.class)
  static class Inline {
    @Bean
    @Scope("prototype")
    PingController pingController(Seen seen) {
      return new PingController(seen);
    }

    @Bean
    KarafkaRoutes routes() {
      return r -> r.topic("pings").controller(PingController.class).inlineMode(true);
    }
  }

  /** A background route and no store. */
  @Configuration(proxyBeanMethods = false)
  @Import(Base.class)
  static class Background {
    @Bean
    KarafkaRoutes routes() {
      return r -> {
        r.topic("pings").controller(PingController.class);
        r.topic("audit").controller(PingController.class).inlineMode(true);
      };
    }
  }

  /** A controller declared as a singleton bean. */
  @Configuration(proxyBeanMethods = false)
  @Import(Base.class)
  static class Singleton {
    @Bean
    SharedController sharedController() {
      return new SharedController();
    }

    @Bean
    KarafkaRoutes routes() {
      return r -> r.topic("shared").controller(SharedController.class).inlineMode(true);
    }
  }

  /** The inline app with a customizer and a monitor bean. */
  @Configuration(proxyBeanMethods = false)
  @Import(Inline.class)
  static class Customized {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-01-02T03:04:05Z"), ZoneOffset.UTC);

    @Bean
    KarafkaConfigCustomizer fixedClock() {
      return config -> config.clock(CLOCK);
    }

    @Bean
    RecordingMonitor recording() {
      return new RecordingMonitor();
    }
  }
}
