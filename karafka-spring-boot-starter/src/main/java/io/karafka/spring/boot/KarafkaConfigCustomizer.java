package io.karafka.spring.boot;

import io.karafka.app.KarafkaConfig;

/**
 * Sets on the app's config builder what {@code application.yml} cannot say (a parser, an
 * interchanger, a clock, a topic mapper of your own...). Customizer beans run after the
 * {@code karafka.*} properties were applied, in their {@code @Order}, and before the builder
 * validates the whole configuration.
 *
 * <pre>{@code
 * @Bean
 * KarafkaConfigCustomizer csv() {
 *   return config -> config.parser(new CsvParser());
 * }
 * }</pre>
 *
 * <p>Monitors are better declared as {@code io.karafka.monitor.Monitor} beans: the starter adds
 * every one of them to the app's monitor, beside the logging monitor and the metrics.
 */
@FunctionalInterface
public interface KarafkaConfigCustomizer {
  /**
   * @param config the builder, with the properties already set
   */
  void customize(KarafkaConfig.Builder config);
}
