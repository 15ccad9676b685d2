package io.karafka.examples.wiring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.karafka.app.KarafkaApp;
import io.karafka.controller.Controller;
import io.karafka.json.JsonInterchanger;
import io.karafka.json.JsonParser;

/** JSON is the default; this sets a configured ObjectMapper for the app and one route. */
public final class JsonWiring {
  private JsonWiring() {}

  /** Binds {@code user_name} to {@code userName}. */
  public record Signup(String userName, int age) {}

  /** Reads the payload as a record. */
  public static class SignupsController extends Controller {
    /** No callbacks. */
    public SignupsController() {}

    @Override
    protected void perform() {
      Signup signup = params().as(Signup.class);
      System.out.println(signup.userName() + " signed up");
    }
  }

  /** @return an app whose routes read snake_case JSON */
  public static KarafkaApp app() {
    ObjectMapper snakeCase = new ObjectMapper()
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    return KarafkaApp.builder()
        .setup(config -> config
            .name("json_app")
            .parser(new JsonParser(snakeCase))            // default for every route
            .interchanger(new JsonInterchanger(snakeCase)))
        .routes(r -> r.topic("signups").controller(SignupsController.class)
            .parser(new JsonParser(snakeCase)))           // or per route
        .build();
  }
}
