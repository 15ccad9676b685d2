package io.karafka.examples.users;

import io.karafka.app.KarafkaApp;
import io.karafka.app.Overrides;
import io.karafka.topic.TopicMapper;
import java.time.Duration;

/** The example application: configuration and routes, built in one place. */
public final class ExampleApp {
  private ExampleApp() {}

  /**
   * @return the app on the brokers named by {@code KAFKA_HOSTS} (default 127.0.0.1:9092), with
   *     a new user directory and audit counts
   */
  public static KarafkaApp build() {
    String hosts = System.getenv().getOrDefault("KAFKA_HOSTS", "127.0.0.1:9092");
    return build(hosts.split(","));
  }

  /** @return the app on these brokers, with a new user directory and audit counts */
  public static KarafkaApp build(String... kafkaHosts) {
    return build(new UserDirectory(), new AuditCounts(), kafkaHosts);
  }

  /**
   * @param users what the users controller creates users in
   * @param audit what the audit controller counts events in
   * @return the app on these brokers; adapters are wired by whoever runs it
   */
  public static KarafkaApp build(UserDirectory users, AuditCounts audit, String... kafkaHosts) {
    return KarafkaApp.builder()
        .setup(config -> config
            .name("example_app")
            .inlineMode(false)                       // perform in background workers
            .topicMapper(TopicMapper.prefix("acme")) // Kafka topics are "acme.<name>"
            .kafka(kafka -> kafka
                .hosts(kafkaHosts)
                .sessionTimeout(Duration.ofSeconds(30))
                .offsetCommitInterval(Duration.ofSeconds(1)))
            .jobs(jobs -> jobs.concurrency(4).retry(3))
            // config/karafka-<env>.properties and KARAFKA_* variables win over the above
            .overrides(Overrides.standard()))
        .routes(r -> {
          // a new controller per message, given what it needs: no container, no static state
          r.topic("users_create").controller(() -> new UsersCreateController(users));
          r.topic("audit_events")
              .group("audit_group")
              .controller(() -> new AuditController(audit))
              .parser(new CsvParser())
              .inlineMode(true)
              .batchMode(true);
        })
        .configurator(app -> System.getLogger("example").log(System.Logger.Level.DEBUG,
            "booted " + app.name() + " in " + app.env()))
        .build();
  }
}
