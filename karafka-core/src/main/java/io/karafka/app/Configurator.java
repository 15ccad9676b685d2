package io.karafka.app;

/**
 * Extra setup that runs once the app is configured and its routes resolved, in declaration order
 * (the original framework's initializers in {@code config/initializers}).
 *
 * <pre>{@code
 * KarafkaApp.builder()
 *     .setup(config -> config.name("my_app"))
 *     .configurator(app -> ExampleClient.configure(app.config().name(), app.env()))
 *     ...
 * }</pre>
 */
@FunctionalInterface
public interface Configurator {
  /**
   * @param app the configured app
   * @throws Exception to stop the boot; it is reported as a {@link ConfigurationException}
   */
  void configure(KarafkaApp app) throws Exception;
}
