package io.karafka.examples.users;

import io.karafka.app.KarafkaApp;
import io.karafka.topic.TopicMapper;
import java.time.Duration;

/** The example application: configuration and routes, built in one place. */
public final class ExampleApp {
  private ExampleApp() {}

  /** @return the app; adapters are wired by whoever runs it (a main, a test) */
  public static KarafkaApp build() {
    return KarafkaApp.builder()
        .setup(config -> config
            .name("example_app")
            .inlineMode(false)                      // perform in background workers
            .topicMapper(TopicMapper.prefix("acme")) // Kafka topics are "acme.<name>"
            .kafka(kafka -> kafka
                .hosts("127.0.0.1:9092")
                .sessionTimeout(Duration.ofSeconds(30)))
            .jobs(jobs -> jobs.concurrency(4).retry(3)))
        .routes(r -> r.topic("users_create").controller(UsersCreateController.class))
        .configurator(app -> System.getLogger("example").log(System.Logger.Level.DEBUG,
            "booted " + app.name() + " in " + app.env()))
        .build();
  }
}
