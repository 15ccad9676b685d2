/**
 * Karafka for Java, test kit: in-memory fakes of every port, a facade to unit-test controllers
 * and responders with no broker ({@link io.karafka.testkit.KarafkaTestKit}), and the contract
 * test every job store must pass ({@link io.karafka.testkit.JobStoreContract}).
 */
module io.karafka.testkit {
  requires transitive io.karafka.core;
  requires org.junit.jupiter.api;

  exports io.karafka.testkit;
}
