package io.karafka.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import io.karafka.app.KarafkaApp;
import io.karafka.controller.ControllerFactory;
import io.karafka.testkit.KarafkaTestKit;
import io.karafka.testkit.TestMessage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** Controllers and responders come from the context: a new instance for every call. */
class ControllerBeansTest {

  @Test
  void aPrototypeBeanAndAClassThatIsNoBeanAreNewForEveryCall() {
    try (ConfigurableApplicationContext context = Boot.run(TestApps.Inline.class,
        "karafka.name=shop", "karafka.kafka.hosts=127.0.0.1:9092",
        "karafka.server.enabled=false")) {
      ControllerFactory factory = context.getBean(KarafkaApp.class).config().controllerFactory();
      TestApps.PingController first = factory.create(TestApps.PingController.class);
      assertNotSame(first, factory.create(TestApps.PingController.class));
      assertNotSame(factory.create(TestApps.PingResponder.class),
          factory.create(TestApps.PingResponder.class));
    }
  }

  @Test
  void aMessageIsPerformedByTheBeanWithItsInjectedDependencyAndAnswered() {
    try (ConfigurableApplicationContext context = Boot.run(TestApps.Inline.class,
        "karafka.name=shop", "karafka.kafka.hosts=127.0.0.1:9092",
        "karafka.server.enabled=false");
         KarafkaTestKit kit = KarafkaTestKit.of(context.getBean(KarafkaApp.class))) {
      kit.publish("pings", TestMessage.json("{\"name\":\"Ada\"}"),
          TestMessage.json("{\"name\":\"Grace\"}"));
      assertEquals(List.of("Ada", "Grace"), context.getBean(TestApps.Seen.class).names);
      assertEquals(List.of("Ada", "Grace"), kit.published("pongs").stream()
          .map(m -> m.payloadString()).toList());
    }
  }
}
