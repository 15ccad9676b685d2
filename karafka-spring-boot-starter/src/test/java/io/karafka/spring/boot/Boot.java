package io.karafka.spring.boot;

import java.util.Arrays;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts a Spring Boot application of test configurations, as {@code SpringApplication.run}. */
final class Boot {
  private Boot() {}

  /**
   * @param properties {@code key=value}, as command-line arguments (they win over everything)
   * @return the running context; close it
   */
  static ConfigurableApplicationContext run(Class<?> configuration, String... properties) {
    return new SpringApplicationBuilder(configuration)
        .web(WebApplicationType.NONE)
        .bannerMode(Banner.Mode.OFF)
        .logStartupInfo(false)
        .run(Arrays.stream(properties).map(p -> "--" + p).toArray(String[]::new));
  }

  /** @return the innermost cause */
  static Throwable root(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
