package io.karafka.examples.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.consumer.BatchResult;
import io.karafka.producer.Partitioning;
import io.karafka.testkit.KarafkaTestKit;
import io.karafka.testkit.KarafkaTestKitExtension;
import io.karafka.testkit.TestMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class UsersCreateControllerTest {
  private final UserDirectory users = new UserDirectory(); // a new one for each test

  @RegisterExtension
  final KarafkaTestKitExtension karafka = KarafkaTestKitExtension.of(() ->
      ExampleApp.build(users, new AuditCounts(), "127.0.0.1:9092"));

  @Test
  void anAdultIsEnqueuedThenCreatedAndAnnounced(KarafkaTestKit kit) {
    kit.publish("users_create", TestMessage.json("{\"name\":\"Ada\",\"age\":36}").key("u-1"));

    assertEquals(1, kit.enqueued().size());          // waiting for a worker, offset committed
    assertEquals(1, kit.runJobs());                  // the real worker runtime performs it

    assertTrue(users.contains("Ada"));
    var sent = kit.published("users_created");       // the topic mapper adds "acme."
    assertEquals("acme.users_created", sent.getFirst().topic());
    assertEquals("{\"name\":\"Ada\",\"age\":36}", sent.getFirst().payloadString());
    assertEquals(Partitioning.key("A"), sent.getFirst().partitioning());
    assertTrue(kit.published("seniors_created").isEmpty());
  }

  @Test
  void aSeniorIsAlsoAnnouncedOnTheOptionalTopic(KarafkaTestKit kit) {
    kit.publish("users_create", TestMessage.json("{\"name\":\"Grace\",\"age\":85}"));
    kit.runJobs();
    assertEquals(1, kit.published("seniors_created").size());
  }

  @Test
  void aMinorIsFilteredOutByTheCallbackButStillCommitted(KarafkaTestKit kit) {
    BatchResult result = kit.publish("users_create",
        TestMessage.json("{\"name\":\"Tim\",\"age\":12}")).getFirst();

    assertEquals(new BatchResult.Handled(1), result); // handled: offset 0 is committed
    assertTrue(kit.enqueued().isEmpty());
    assertEquals(0, kit.runJobs());
    assertTrue(kit.published().isEmpty());
  }
}
