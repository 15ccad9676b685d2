/**
 * Karafka for Java in Spring Boot: the {@code karafka.*} properties, the {@link
 * io.karafka.spring.boot.KarafkaRoutes} and {@link io.karafka.spring.boot.KarafkaConfigCustomizer}
 * beans an application declares, {@link io.karafka.spring.boot.KarafkaJobs} to enqueue jobs
 * inside its transactions, and {@link io.karafka.spring.boot.KarafkaProcess}, the server and the
 * worker run with the context. The auto-configuration is in {@code .autoconfigure}.
 */
package io.karafka.spring.boot;
