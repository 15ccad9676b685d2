package io.karafka.cli;

/** The files {@link Installer} writes: the build and the code. */
final class Templates {
  private Templates() {}

  static String pom(String name, String pkg) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0"
                 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                 xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
          <modelVersion>4.0.0</modelVersion>
          <groupId>%1$s</groupId>
          <artifactId>%2$s</artifactId>
          <version>0.1.0-SNAPSHOT</version>
          <name>%2$s (Karafka for Java)</name>

          <properties>
            <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
            <maven.compiler.release>21</maven.compiler.release>
            <karafka.version>%3$s</karafka.version>
          </properties>

          <dependencyManagement>
            <dependencies>
              <dependency>
                <groupId>io.karafka</groupId>
                <artifactId>karafka-bom</artifactId>
                <version>${karafka.version}</version>
                <type>pom</type>
                <scope>import</scope>
              </dependency>
              <dependency>
                <groupId>org.junit</groupId>
                <artifactId>junit-bom</artifactId>
                <version>5.14.4</version>
                <type>pom</type>
                <scope>import</scope>
              </dependency>
            </dependencies>
          </dependencyManagement>

          <dependencies>
            <dependency>
              <groupId>io.karafka</groupId>
              <artifactId>karafka-core</artifactId>
            </dependency>
            <dependency>
              <groupId>io.karafka</groupId>
              <artifactId>karafka-cli</artifactId>
            </dependency>
            <dependency>
              <groupId>io.karafka</groupId>
              <artifactId>karafka-json</artifactId>
            </dependency>
            <dependency>
              <groupId>io.karafka</groupId>
              <artifactId>karafka-kafka-adapter</artifactId>
            </dependency>
            <dependency>
              <groupId>io.karafka</groupId>
              <artifactId>karafka-queue-redis</artifactId>
            </dependency>
            <!-- one logging backend: kafka-clients logs through SLF4J, Karafka through
                 System.Logger, which slf4j-jdk-platform-logging hands to SLF4J -->
            <dependency>
              <groupId>org.slf4j</groupId>
              <artifactId>slf4j-simple</artifactId>
              <scope>runtime</scope>
            </dependency>
            <dependency>
              <groupId>org.slf4j</groupId>
              <artifactId>slf4j-jdk-platform-logging</artifactId>
              <scope>runtime</scope>
            </dependency>
            <dependency>
              <groupId>io.karafka</groupId>
              <artifactId>karafka-test-kit</artifactId>
              <scope>test</scope>
            </dependency>
            <dependency>
              <groupId>org.junit.jupiter</groupId>
              <artifactId>junit-jupiter</artifactId>
              <scope>test</scope>
            </dependency>
          </dependencies>

          <build>
            <pluginManagement>
              <plugins>
                <plugin>
                  <!-- container image without a Docker daemon: ./mvnw compile jib:build -->
                  <groupId>com.google.cloud.tools</groupId>
                  <artifactId>jib-maven-plugin</artifactId>
                  <version>3.4.6</version>
                  <configuration>
                    <from><image>eclipse-temurin:21-jre</image></from>
                    <to><image>%2$s</image></to>
                    <container>
                      <mainClass>%1$s.Main</mainClass>
                      <args><arg>server</arg></args>
                      <environment><KARAFKA_ENV>production</KARAFKA_ENV></environment>
                    </container>
                  </configuration>
                </plugin>
              </plugins>
            </pluginManagement>
            <plugins>
              <plugin>
                <groupId>org.apache.maven.plugins</groupId>
                <artifactId>maven-compiler-plugin</artifactId>
                <version>3.14.1</version>
              </plugin>
              <plugin>
                <groupId>org.apache.maven.plugins</groupId>
                <artifactId>maven-surefire-plugin</artifactId>
                <version>3.5.4</version>
              </plugin>
              <plugin>
                <!-- the distribution target/%2$s: bin/%2$s (the launcher), lib/, config/ -->
                <groupId>org.apache.maven.plugins</groupId>
                <artifactId>maven-assembly-plugin</artifactId>
                <version>3.7.1</version>
                <executions>
                  <execution>
                    <id>dist</id>
                    <phase>package</phase>
                    <goals>
                      <goal>single</goal>
                    </goals>
                    <configuration>
                      <descriptors>
                        <descriptor>src/assembly/dist.xml</descriptor>
                      </descriptors>
                      <finalName>%2$s</finalName>
                      <appendAssemblyId>false</appendAssemblyId>
                      <attach>false</attach>
                    </configuration>
                  </execution>
                </executions>
              </plugin>
            </plugins>
          </build>
        </project>
        """.formatted(pkg, name, Installer.VERSION);
  }

  static String app(String name, String pkg) {
    return """
        package %1$s;

        import io.karafka.app.KarafkaApp;
        import io.karafka.app.Overrides;

        /** The application: configuration and routes. */
        public final class App {
          private App() {}

          /** @return the app; settings in config/karafka-<env>.properties win over the code */
          public static KarafkaApp build() {
            return KarafkaApp.builder()
                .setup(config -> config
                    .name("%2$s")
                    .kafka(kafka -> kafka.hosts("127.0.0.1:9092"))
                    .overrides(Overrides.standard()))
                // a new controller per message; pass what it needs: () -> new X(repository)
                .routes(r -> r.topic("orders_create").controller(OrdersCreateController::new))
                .build();
          }
        }
        """.formatted(pkg, name.replace('-', '_'));
  }

  static String main(String pkg) {
    return """
        package %1$s;

        import io.karafka.app.KarafkaApp;
        import io.karafka.cli.KarafkaCli;
        import io.karafka.kafka.KafkaMessageSource;
        import io.karafka.kafka.KafkaProducerPool;
        import io.karafka.queue.redis.RedisJobStore;
        import io.karafka.queue.redis.RedisSettings;
        import io.karafka.server.KarafkaServer;
        import io.karafka.worker.KarafkaWorker;
        import java.time.Clock;

        /** The command line: routes, flow, info, server, worker, console. */
        public final class Main {
          private Main() {}

          /** Runs one command. */
          public static void main(String[] args) {
            // the CLI builds the app: bad settings or routes print one line each and exit 78
            System.exit(KarafkaCli.builder(App::build)
                .server((a, groups) -> KarafkaServer.builder(a)
                    .source(new KafkaMessageSource(a))
                    .producer(new KafkaProducerPool(a))
                    .jobQueue(store(a))
                    .consumerGroups(groups)
                    .build())
                .worker((a, jobs) -> {
                  RedisJobStore store = store(a);
                  KafkaProducerPool producer = new KafkaProducerPool(a);
                  return KarafkaWorker.builder(a, store, producer).settings(jobs)
                      .closing(store, producer).build();   // closed after a clean stop
                })
                .console("%1$s.App.build()")
                .build()
                .run(args));
          }

          private static RedisJobStore store(KarafkaApp app) {
            return new RedisJobStore(RedisSettings.builder(System.getenv().getOrDefault(
                "REDIS_URL", "redis://127.0.0.1:6379/0")).namespace(app.name()).build(),
                app.config().jobs(), Clock.systemUTC(), app.dependencies());
          }
        }
        """.formatted(pkg);
  }

  static String controller(String pkg) {
    return """
        package %1$s;

        import io.karafka.controller.Controller;

        /** Handles orders_create: skips orders without items, answers with the order. */
        public class OrdersCreateController extends Controller {
          /** Registers the callbacks. */
          public OrdersCreateController() {
            beforeEnqueue(() -> params().getLong("items") != null && params().getLong("items") > 0);
          }

          @Override
          protected void perform() {
            respondWith(params().toMap());
          }
        }
        """.formatted(pkg);
  }

  static String responder(String pkg) {
    return """
        package %1$s;

        import io.karafka.producer.Partitioning;
        import io.karafka.responder.Responder;
        import java.util.Map;

        /** Announces created orders; found by name from OrdersCreateController. */
        public class OrdersCreateResponder extends Responder<Map<String, Object>> {
          /** Registers the topics. */
          public OrdersCreateResponder() {
            topic("orders_created");
          }

          @Override
          protected void respond(Map<String, Object> order) {
            respondTo("orders_created", order, Partitioning.key(String.valueOf(order.get("customer"))));
          }
        }
        """.formatted(pkg);
  }

  static String test(String pkg) {
    return """
        package %1$s;

        import static org.junit.jupiter.api.Assertions.assertEquals;
        import static org.junit.jupiter.api.Assertions.assertTrue;

        import io.karafka.testkit.KarafkaTestKit;
        import io.karafka.testkit.KarafkaTestKitExtension;
        import io.karafka.testkit.TestMessage;
        import org.junit.jupiter.api.Test;
        import org.junit.jupiter.api.extension.RegisterExtension;

        class OrdersCreateControllerTest {
          @RegisterExtension
          static final KarafkaTestKitExtension karafka = KarafkaTestKitExtension.of(App::build);

          @Test
          void anOrderIsPerformedInTheBackgroundAndAnnounced(KarafkaTestKit kit) {
            kit.publish("orders_create", TestMessage.json("{\\"customer\\":\\"c1\\",\\"items\\":2}"));
            assertEquals(1, kit.runJobs());
            assertEquals(1, kit.published("orders_created").size());
          }

          @Test
          void anOrderWithoutItemsIsSkipped(KarafkaTestKit kit) {
            kit.publish("orders_create", TestMessage.json("{\\"customer\\":\\"c1\\",\\"items\\":0}"));
            assertTrue(kit.enqueued().isEmpty());
          }
        }
        """.formatted(pkg);
  }
}
