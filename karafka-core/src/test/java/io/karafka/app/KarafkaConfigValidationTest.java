package io.karafka.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every invalid option of the seed's table, with the exact text users read. */
class KarafkaConfigValidationTest {
  private static final String HOST_RULE = ": each host must be host:port with a port from 1 to"
      + " 65535. Fix: set e.g. .hosts(\"127.0.0.1:9092\")";

  private static KarafkaConfig.Builder named() {
    return KarafkaConfig.builder().name("my_app").environment(new Environment("test"));
  }

  private static Arguments invalid(String option, Consumer<KarafkaConfig.Builder> change,
                                   String problem) {
    return Arguments.of(option, change, problem);
  }

  static Stream<Arguments> invalidOptions() {
    return Stream.of(
        invalid("missing name", b -> b.name(null), "name = null: is required. Fix: set the"
            + " application name, e.g. .name(\"my_application\")"),
        invalid("blank name", b -> b.name("  "), "name = '  ': is required. Fix: set the"
            + " application name, e.g. .name(\"my_application\")"),
        invalid("bad name chars", b -> b.name("my app!"), "name = 'my app!': must be 1-200"
            + " characters from [A-Za-z0-9._-] (it becomes part of consumer group names). Fix:"
            + " use e.g. .name(\"my_application\")"),
        invalid("host without port", b -> b.kafka(k -> k.hosts("localhost")),
            "kafka.hosts = 'localhost'" + HOST_RULE),
        invalid("port 0", b -> b.kafka(k -> k.hosts("127.0.0.1:9092", "localhost:0")),
            "kafka.hosts = 'localhost:0'" + HOST_RULE),
        invalid("port 70000", b -> b.kafka(k -> k.hosts("localhost:70000")),
            "kafka.hosts = 'localhost:70000'" + HOST_RULE),
        invalid("zero session timeout", b -> b.kafka(k -> k.sessionTimeout(Duration.ZERO)),
            "kafka.sessionTimeout = PT0S: must be a positive duration. Fix: set e.g."
                + " .sessionTimeout(Duration.ofSeconds(30))"),
        invalid("negative commit interval",
            b -> b.kafka(k -> k.offsetCommitInterval(Duration.ofSeconds(-1))),
            "kafka.offsetCommitInterval = PT-1S: must be a positive duration. Fix: set e.g."
                + " .offsetCommitInterval(Duration.ofSeconds(10))"),
        invalid("null heartbeat", b -> b.kafka(k -> k.heartbeatInterval(null)),
            "kafka.heartbeatInterval = null: must be a positive duration. Fix: set e.g."
                + " .heartbeatInterval(Duration.ofSeconds(10))"),
        invalid("heartbeat equal to session timeout",
            b -> b.kafka(k -> k.heartbeatInterval(Duration.ofSeconds(30))),
            "kafka.heartbeatInterval = PT30S: must be lower than kafka.sessionTimeout (PT30S)."
                + " Fix: set it to a third of the session timeout or less"),
        invalid("heartbeat above session timeout", b -> b.kafka(k -> k
                .sessionTimeout(Duration.ofSeconds(6)).heartbeatInterval(Duration.ofSeconds(8))),
            "kafka.heartbeatInterval = PT8S: must be lower than kafka.sessionTimeout (PT6S)."
                + " Fix: set it to a third of the session timeout or less"),
        invalid("negative threshold", b -> b.kafka(k -> k.offsetCommitThreshold(-1)),
            "kafka.offsetCommitThreshold = -1: must be 0 or more. Fix: set 0 to commit by"
                + " interval only, or e.g. .offsetCommitThreshold(1000)"),
        invalid("client cert without key", b -> b.kafka(k -> k.sslClientCert("CERT")),
            "kafka.ssl.clientCertKey = null: client certificate and its key go together. Fix:"
                + " set both sslClientCert(...) and sslClientCertKey(...), or neither"),
        invalid("key without client cert", b -> b.kafka(k -> k.sslClientCertKey("KEY")),
            "kafka.ssl.clientCert = null: client certificate and its key go together. Fix:"
                + " set both sslClientCert(...) and sslClientCertKey(...), or neither"),
        invalid("pool size 0", b -> b.connectionPool(p -> p.size(0)),
            "connectionPool.size = 0: must be between 1 and 1000. Fix: set e.g. .size(5)"),
        invalid("zero pool timeout", b -> b.connectionPool(p -> p.timeout(Duration.ZERO)),
            "connectionPool.timeout = PT0S: must be a positive duration. Fix: set e.g."
                + " .timeout(Duration.ofSeconds(5))"),
        invalid("jobs concurrency 0", b -> b.jobs(j -> j.concurrency(0)),
            "jobs.concurrency = 0: must be between 1 and 10000. Fix: set e.g. .concurrency(10)"),
        invalid("empty queues", b -> b.jobs(j -> j.queues()),
            "jobs.queues = []: must name at least one queue. Fix: set e.g. .queues(\"default\")"),
        invalid("bad queue name", b -> b.jobs(j -> j.queues("default", "bad queue")),
            "jobs.queues = 'bad queue': queue names are 1-200 characters from [A-Za-z0-9._-],"
                + " optionally followed by ,weight (1-9999). Fix: rename the queue, e.g."
                + " \"critical\" or \"critical,3\""),
        invalid("negative retry", b -> b.jobs(j -> j.retry(-1)),
            "jobs.retry = -1: must be 0 or more. Fix: set e.g. .retry(25)"),
        invalid("zero job timeout", b -> b.jobs(j -> j.timeout(Duration.ZERO)),
            "jobs.timeout = PT0S: must be a positive duration. Fix: set e.g."
                + " .timeout(Duration.ofMinutes(5))"),
        invalid("null retry policy", b -> b.jobs(j -> j.retryPolicy(null)),
            "jobs.retryPolicy = null: must not be null. Fix: set e.g."
                + " .retryPolicy(RetryPolicy.sidekiq())"),
        invalid("null topic mapper", b -> b.topicMapper(null),
            "topicMapper = null: must not be null. Fix: leave it unset for the default, or set"
                + " e.g. .topicMapper(TopicMapper.identity())"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidOptions")
  void invalidOptionIsReportedWithItsFix(String option, Consumer<KarafkaConfig.Builder> change,
                                         String problem) {
    KarafkaConfig.Builder builder = named();
    change.accept(builder);

    ConfigurationException e = assertThrows(ConfigurationException.class, builder::build);

    assertEquals("Invalid Karafka configuration: " + problem, e.getMessage());
    assertEquals(1, e.problems().size());
    assertEquals(problem, e.problems().getFirst().toString());
  }

  @Test
  void problemCarriesKeyValueRuleAndFix() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> named().connectionPool(p -> p.size(1001)).build());

    ConfigProblem problem = e.problems().getFirst();
    assertEquals("connectionPool.size", problem.key());
    assertEquals(1001, problem.value());
    assertEquals("must be between 1 and 1000", problem.rule());
    assertEquals("set e.g. .size(5)", problem.fix());
  }

  @Test
  void everyProblemIsReportedInOneException() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> KarafkaConfig
        .builder()
        .environment(new Environment("test"))
        .kafka(k -> k.hosts("localhost").offsetCommitThreshold(-5))
        .connectionPool(p -> p.size(0))
        .jobs(j -> j.queues("ok", "not ok").retry(-1))
        .build());

    assertEquals(6, e.problems().size());
    assertEquals("""
        Invalid Karafka configuration (6 problems):
          - name = null: is required. Fix: set the application name, e.g. .name("my_application")
          - kafka.hosts = 'localhost': each host must be host:port with a port from 1 to 65535.\
         Fix: set e.g. .hosts("127.0.0.1:9092")
          - kafka.offsetCommitThreshold = -5: must be 0 or more. Fix: set 0 to commit by interval\
         only, or e.g. .offsetCommitThreshold(1000)
          - connectionPool.size = 0: must be between 1 and 1000. Fix: set e.g. .size(5)
          - jobs.queues = 'not ok': queue names are 1-200 characters from [A-Za-z0-9._-],\
         optionally followed by ,weight (1-9999). Fix: rename the queue, e.g. "critical" or\
         "critical,3"
          - jobs.retry = -1: must be 0 or more. Fix: set e.g. .retry(25)""", e.getMessage());
    assertEquals(List.of("name", "kafka.hosts", "kafka.offsetCommitThreshold",
            "connectionPool.size", "jobs.queues", "jobs.retry"),
        e.problems().stream().map(ConfigProblem::key).toList());
  }

  @Test
  void configProblemQuotesOnlyText() {
    assertEquals("k = 'v': rule. Fix: fix", new ConfigProblem("k", "v", "rule", "fix").toString());
    assertEquals("k = 3: rule. Fix: fix", new ConfigProblem("k", 3, "rule", "fix").toString());
    assertEquals("k = null: rule. Fix: fix",
        new ConfigProblem("k", null, "rule", "fix").toString());
  }

  @Test
  void configuratorFailureKeepsItsCause() {
    IllegalStateException cause = new IllegalStateException("boom");
    ConfigProblem problem = new ConfigProblem("configurators[1]", "X", "failed", "fix it");

    ConfigurationException e = new ConfigurationException(problem, cause);

    assertEquals("Invalid Karafka configuration: configurators[1] = 'X': failed. Fix: fix it",
        e.getMessage());
    assertEquals(List.of(problem), e.problems());
    assertEquals(cause, e.getCause());
  }

  @Test
  void nullPropertyValueIsReported() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> named().kafka(k -> k.property("sasl.mechanism", null)).build());

    assertEquals("Invalid Karafka configuration: kafka.properties.sasl.mechanism = null:"
        + " property keys and values must not be empty. Fix: remove it or give it a value",
        e.getMessage());
    assertNull(e.problems().getFirst().value());
  }
}
