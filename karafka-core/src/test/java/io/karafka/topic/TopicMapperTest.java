package io.karafka.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TopicMapperTest {
  @Test
  void identityChangesNothing() {
    TopicMapper mapper = TopicMapper.identity();

    assertEquals("karafka.users", mapper.incoming("karafka.users"));
    assertEquals("users", mapper.outgoing("users"));
    assertSame(mapper, TopicMapper.identity());
    assertEquals("identity", mapper.toString());
  }

  @Test
  void prefixIsAddedGoingOut() {
    assertEquals("karafka.my_other_topic", TopicMapper.prefix("karafka").outgoing("my_other_topic"));
  }

  @Test
  void prefixIsRemovedComingIn() {
    assertEquals("my_super_topic", TopicMapper.prefix("karafka").incoming("karafka.my_super_topic"));
  }

  @Test
  void incomingTopicWithoutThePrefixPassesThrough() {
    TopicMapper mapper = TopicMapper.prefix("karafka");

    assertEquals("users", mapper.incoming("users"));
    assertEquals("karafkausers", mapper.incoming("karafkausers"));
    assertEquals("other.karafka.users", mapper.incoming("other.karafka.users"));
  }

  @Test
  void onlyTheFirstPrefixIsRemoved() {
    assertEquals("karafka.users", TopicMapper.prefix("karafka").incoming("karafka.karafka.users"));
  }

  @Test
  void roundTrips() {
    TopicMapper mapper = TopicMapper.prefix("user123");

    assertEquals("orders.created", mapper.incoming(mapper.outgoing("orders.created")));
  }

  @Test
  void prefixMappersWithTheSamePrefixAreEqual() {
    assertEquals(TopicMapper.prefix("a"), new PrefixTopicMapper("a"));
    assertNotEquals(TopicMapper.prefix("a"), TopicMapper.prefix("b"));
    assertEquals("a", ((PrefixTopicMapper) TopicMapper.prefix("a")).prefix());
  }

  @Test
  void prefixMustNotBeBlank() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TopicMapper.prefix(" "));

    assertEquals("topic mapper prefix must not be blank", e.getMessage());
    assertEquals("prefix",
        assertThrows(NullPointerException.class, () -> TopicMapper.prefix(null)).getMessage());
  }
}
