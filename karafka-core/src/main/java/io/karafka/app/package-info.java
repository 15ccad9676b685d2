/**
 * The application: {@link io.karafka.app.KarafkaApp} (configuration and resolved routes, built
 * once in {@code main} and passed around), {@link io.karafka.app.KarafkaConfig} with its settings
 * ({@link io.karafka.app.KafkaSettings}, {@link io.karafka.app.JobSettings},
 * {@link io.karafka.app.ConnectionPoolSettings}), {@link io.karafka.app.Environment},
 * {@link io.karafka.app.Overrides} (per-environment files and {@code KARAFKA_*} variables) and
 * {@link io.karafka.app.ConfigurationException}, which names every bad option at once.
 *
 * <pre>{@code
 * KarafkaApp app = KarafkaApp.builder()
 *     .setup(config -> config.name("shop").kafka(k -> k.hosts("kafka-1:9092")))
 *     .routes(r -> r.topic("orders_created").controller(OrdersController.class))
 *     .build();
 * }</pre>
 */
package io.karafka.app;
