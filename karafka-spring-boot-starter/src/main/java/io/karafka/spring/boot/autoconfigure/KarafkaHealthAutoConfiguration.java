package io.karafka.spring.boot.autoconfigure;

import io.karafka.spring.boot.KarafkaProcess;
import io.karafka.spring.boot.internal.KarafkaHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Karafka's health in Spring Boot's health endpoint, read from core's {@code Health} of the
 * {@link KarafkaProcess}: the indicator {@code karafka} is {@code Health.live()} (the server and
 * its poll loops run, the worker's threads are alive), {@code karafkaReadiness} is
 * {@code Health.ready()} (also: every consumer group holds partitions, every dependency is up).
 * The starter puts them into the {@code liveness} and {@code readiness} groups by default;
 * {@code management.health.karafka.enabled: false} turns both off.
 */
@AutoConfiguration(after = KarafkaAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(KarafkaProcess.class)
@ConditionalOnEnabledHealthIndicator("karafka")
public final class KarafkaHealthAutoConfiguration {

  /** @return {@code karafka}: whether the process's loops run */
  @Bean
  @ConditionalOnMissingBean(name = "karafkaHealthIndicator")
  HealthIndicator karafkaHealthIndicator(KarafkaProcess process) {
    return new KarafkaHealthIndicator(() -> process.health().live());
  }

  /** @return {@code karafkaReadiness}: whether the process should get work */
  @Bean
  @ConditionalOnMissingBean(name = "karafkaReadinessHealthIndicator")
  HealthIndicator karafkaReadinessHealthIndicator(KarafkaProcess process) {
    return new KarafkaHealthIndicator(() -> process.health().ready());
  }
}
