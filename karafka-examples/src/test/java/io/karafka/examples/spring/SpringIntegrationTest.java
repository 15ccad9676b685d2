package io.karafka.examples.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.karafka.app.KarafkaApp;
import io.karafka.testkit.KarafkaTestKit;
import io.karafka.testkit.TestMessage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

class SpringIntegrationTest {
  @Test
  void controllersAreSpringBeansWithTheirDependencies() {
    try (var context = new AnnotationConfigApplicationContext(SpringIntegration.Beans.class);
         KarafkaTestKit kit = KarafkaTestKit.of(context.getBean(KarafkaApp.class))) {
      kit.publish("greetings", TestMessage.json("{\"name\":\"Ada\"}"),
          TestMessage.json("{\"name\":\"Grace\"}"));
      assertEquals(List.of("Hello, Ada", "Hello, Grace"),
          context.getBean(SpringIntegration.Greetings.class).sent());
    }
  }
}
