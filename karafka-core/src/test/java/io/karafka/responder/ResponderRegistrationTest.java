package io.karafka.responder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Topic registration and its misuse; sending is in {@link ResponderTest}. */
class ResponderRegistrationTest {
  @Test
  void registeringAnIllegalTopicNameThrows() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ScriptedResponder(r -> { }, "bad topic"));

    assertEquals("ScriptedResponder: topic name 'bad topic' is not legal in Kafka: use only"
        + " ASCII letters, digits, '.', '_' and '-'", e.getMessage());
  }

  @Test
  void registeringATopicTwiceThrows() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ScriptedResponder(r -> { }, "users", "users", TopicOptions.optional()));

    assertEquals("ScriptedResponder registers topic 'users' twice", e.getMessage());
  }

  @Test
  void registeredTopicsKeepOrderAndOptions() {
    ScriptedResponder responder = new ScriptedResponder(r -> { },
        "c", "a", TopicOptions.optional(), "b", TopicOptions.multiple());

    Map<String, TopicOptions> topics = responder.registeredTopics();

    assertEquals(List.of("c", "a", "b"), List.copyOf(topics.keySet()));
    assertEquals(new TopicOptions(true, false), topics.get("c"));
    assertEquals(new TopicOptions(false, false), topics.get("a"));
    assertEquals(new TopicOptions(true, true), topics.get("b"));
    assertThrows(UnsupportedOperationException.class, () -> topics.remove("c"));
  }

  @Test
  void topicOptionsWithers() {
    assertEquals(TopicOptions.optional(), TopicOptions.defaults().withRequired(false));
    assertEquals(TopicOptions.multiple(), TopicOptions.defaults().withMultipleUsage(true));
  }

  @Test
  void respondToOutsideRespondThrows() {
    ScriptedResponder responder = new ScriptedResponder(r -> { }, "users");

    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> responder.send("users", "x"));

    assertEquals("ScriptedResponder.respondTo may only be called from respond(...)",
        e.getMessage());
  }
}
