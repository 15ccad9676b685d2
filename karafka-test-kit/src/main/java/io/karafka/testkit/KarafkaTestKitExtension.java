package io.karafka.testkit;

import io.karafka.app.KarafkaApp;
import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 support: a fresh {@link KarafkaTestKit} for every test, closed after it, injected as a
 * test method parameter or read with {@link #kit()}.
 *
 * <pre>{@code
 * class UsersCreateControllerTest {
 *   private final UserDirectory users = new UserDirectory();   // a new one for each test
 *
 *   @RegisterExtension
 *   final KarafkaTestKitExtension karafka = KarafkaTestKitExtension.of(() ->
 *       ExampleApp.build(users, new AuditCounts(), "127.0.0.1:9092"));
 *
 *   @Test
 *   void createsAUser(KarafkaTestKit kit) {
 *     kit.publish("users_create", TestMessage.json("{\"name\":\"Ada\",\"age\":36}"));
 *     kit.runJobs();
 *     assertTrue(users.contains("Ada"));
 *   }
 * }
 * }</pre>
 *
 * Not for parallel test execution within one class.
 */
public final class KarafkaTestKitExtension
    implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private final Supplier<KarafkaApp> app;
  private KarafkaTestKit current;

  private KarafkaTestKitExtension(Supplier<KarafkaApp> app) {
    this.app = app;
  }

  /** @param app builds the app under test (called before each test) */
  public static KarafkaTestKitExtension of(Supplier<KarafkaApp> app) {
    return new KarafkaTestKitExtension(Objects.requireNonNull(app, "app"));
  }

  /** @return the current test's kit */
  public KarafkaTestKit kit() {
    if (current == null) {
      throw new IllegalStateException("no test is running: the kit exists during a test only");
    }
    return current;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    current = KarafkaTestKit.of(app.get());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (current != null) {
      current.close();
      current = null;
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == KarafkaTestKit.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return kit();
  }
}
