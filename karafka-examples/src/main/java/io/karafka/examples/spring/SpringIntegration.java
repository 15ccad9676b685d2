package io.karafka.examples.spring;

import io.karafka.app.KarafkaApp;
import io.karafka.controller.Controller;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;

/**
 * Karafka inside a Spring application: controllers are Spring beans (prototype scope, one per
 * message) with their dependencies injected, created through {@code applicationContext::getBean}.
 */
public final class SpringIntegration {
  private SpringIntegration() {}

  /** An application service the controller needs. */
  public static class Greetings {
    private final List<String> sent = new CopyOnWriteArrayList<>();

    /** Records a greeting. */
    public void greet(String name) {
      sent.add("Hello, " + name);
    }

    /** @return the greetings so far */
    public List<String> sent() {
      return List.copyOf(sent);
    }
  }

  /** A controller with a constructor-injected dependency. */
  public static class GreetController extends Controller {
    private final Greetings greetings;

    /** @param greetings injected by Spring */
    public GreetController(Greetings greetings) {
      this.greetings = greetings;
    }

    @Override
    protected void perform() {
      greetings.greet(params().getString("name"));
    }
  }

  /** The Spring configuration: the service, the controller (prototype) and the Karafka app. */
  @Configuration
  public static class Beans {
    /** @return the service, a singleton */
    @Bean
    public Greetings greetings() {
      return new Greetings();
    }

    /** @return a new controller for every message */
    @Bean
    @Scope("prototype")
    public GreetController greetController(Greetings greetings) {
      return new GreetController(greetings);
    }

    /** @return the app, its controllers supplied by Spring */
    @Bean
    public KarafkaApp karafkaApp(ApplicationContext context) {
      return KarafkaApp.builder()
          .setup(config -> config
              .name("spring_app")
              .inlineMode(true)
              .controllerFactory(context::getBean))
          .routes(r -> r.topic("greetings").controller(GreetController.class))
          .build();
    }
  }
}
