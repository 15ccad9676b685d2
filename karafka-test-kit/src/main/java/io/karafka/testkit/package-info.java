/**
 * Testing a Karafka application and its adapters: {@link io.karafka.testkit.KarafkaTestKit} (feed
 * messages to the app's routes without a broker, run its jobs, read what was sent and committed),
 * in-memory fakes of every port, {@link io.karafka.testkit.RecordingMonitor},
 * {@link io.karafka.testkit.LogLines} and {@link io.karafka.testkit.Await}; the contract tests an
 * adapter runs ({@link io.karafka.testkit.JobStoreContract},
 * {@link io.karafka.testkit.StoreOutageContract}); and a real Kafka broker in the JVM
 * ({@link io.karafka.testkit.EmbeddedKafka}).
 */
package io.karafka.testkit;
