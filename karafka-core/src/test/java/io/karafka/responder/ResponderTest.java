package io.karafka.responder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.karafka.message.Header;
import io.karafka.parse.Parser;
import io.karafka.producer.OutgoingMessage;
import io.karafka.producer.Partitioning;
import io.karafka.topic.TopicMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResponderTest {
  static final class IntegerResponder extends Responder<Integer> {
    IntegerResponder() {
      topic("numbers");
    }

    @Override
    protected void respond(Integer data) {
      respondTo("numbers", data + 1);
    }
  }

  static final class ListResponder extends Responder<List<String>> {
    ListResponder() {
      topic("lists");
    }

    @Override
    protected void respond(List<String> data) {
      respondTo("lists", String.join(",", data));
    }
  }

  abstract static class TypedBase<X> extends Responder<X> {}

  static final class TypedImpl extends TypedBase<Integer> {
    TypedImpl() {
      topic("numbers");
    }

    @Override
    protected void respond(Integer data) {
      respondTo("numbers", data + 1);
    }
  }

  /** Generates {@code gen:<value>} and counts its calls. */
  static final class CountingParser implements Parser {
    final List<Object> generated = new ArrayList<>();

    @Override
    public Object parse(byte[] payload) {
      throw new UnsupportedOperationException("responders only generate");
    }

    @Override
    public byte[] generate(Object value) {
      generated.add(value);
      return ("gen:" + value).getBytes(StandardCharsets.UTF_8);
    }
  }

  private final CountingParser parser = new CountingParser();

  private List<OutgoingMessage> run(Responder<?> responder, Object data, TopicMapper mapper) {
    return responder.responses(data, parser, mapper);
  }

  private List<OutgoingMessage> run(Responder<?> responder, Object data) {
    return run(responder, data, TopicMapper.identity());
  }

  private ResponderValidationException invalid(Responder<?> responder) {
    return assertThrows(ResponderValidationException.class, () -> run(responder, "data"));
  }

  @Test
  void sendsInOrderWithMappedTopicsAndGeneratedPayloads() {
    byte[] raw = {0, 1, 2, (byte) 0xff};
    ScriptedResponder responder = new ScriptedResponder(r -> {
      r.send("texts", "héllo");
      r.send("bytes", raw);
      r.send("objects", Map.of("id", 1));
    }, "objects", "texts", "bytes");

    List<OutgoingMessage> sent = run(responder, "ignored", TopicMapper.prefix("acme"));

    assertEquals(List.of("acme.texts", "acme.bytes", "acme.objects"),
        sent.stream().map(OutgoingMessage::topic).toList());
    assertArrayEquals("héllo".getBytes(StandardCharsets.UTF_8), sent.get(0).payload());
    assertArrayEquals(raw, sent.get(1).payload());
    assertEquals("gen:{id=1}", sent.get(2).payloadString());
    assertEquals(List.of(Map.of("id", 1)), parser.generated);
  }

  @Test
  void keepsPartitioningAndHeaders() {
    List<Header> headers = List.of(Header.of("trace", "abc"), Header.of("trace", "def"));
    ScriptedResponder responder = new ScriptedResponder(r -> {
      r.send("a", "1", Partitioning.partition(3), headers);
      r.send("b", "2", Partitioning.key("user-7"), List.of());
      r.send("c", "3");
    }, "a", "b", "c");

    List<OutgoingMessage> sent = run(responder, null);

    assertEquals(new OutgoingMessage("a", "1".getBytes(StandardCharsets.UTF_8),
        Partitioning.partition(3), headers), sent.get(0));
    assertEquals(Partitioning.key("user-7"), sent.get(1).partitioning());
    assertEquals(List.of(), sent.get(1).headers());
    assertEquals(Partitioning.any(), sent.get(2).partitioning());
  }

  @Test
  void rejectsAnUnregisteredTopicAndSendsNothing() {
    ScriptedResponder responder = new ScriptedResponder(r -> {
      r.send("users_created", Map.of());
      r.send("other", Map.of());
    }, "users_created", "premium_users", TopicOptions.optional());

    ResponderValidationException e = invalid(responder);

    assertEquals("ScriptedResponder responded to topic 'other', which it did not register"
        + " (registered: users_created, premium_users). Register it with topic(\"other\") in the"
        + " constructor.", e.getMessage());
    assertEquals(List.of(), parser.generated);
  }

  @Test
  void rejectsMultipleUsageWithoutTheFlag() {
    ScriptedResponder responder = new ScriptedResponder(r -> {
      r.send("users_created", "a");
      r.send("users_created", "b");
    }, "users_created");

    ResponderValidationException e = invalid(responder);

    assertEquals("ScriptedResponder responded 2 times to topic 'users_created', registered"
        + " without multipleUsage. Register it with topic(\"users_created\","
        + " TopicOptions.multiple()) to allow that.", e.getMessage());
  }

  @Test
  void rejectsAMissingRequiredTopic() {
    ScriptedResponder responder = new ScriptedResponder(r -> r.send("audit", "x"),
        "audit", TopicOptions.optional(), "users_created");

    ResponderValidationException e = invalid(responder);

    assertEquals("ScriptedResponder did not respond to required topic 'users_created'. Respond"
        + " to it, or register it with topic(\"users_created\", TopicOptions.optional()).",
        e.getMessage());
  }

  @Test
  void optionalTopicsMayBeSkippedAndMultipleUsageAllowsRepeats() {
    ScriptedResponder responder = new ScriptedResponder(r -> {
      r.send("many", "1");
      r.send("many", "2");
      r.send("many", "3");
    }, "many", TopicOptions.multiple(), "maybe", TopicOptions.optional());

    List<OutgoingMessage> sent = run(responder, null);

    assertEquals(List.of("1", "2", "3"),
        sent.stream().map(OutgoingMessage::payloadString).toList());
  }

  @Test
  void optionalMultipleTopicMayBeLeftOut() {
    ScriptedResponder responder = new ScriptedResponder(r -> { },
        "any", new TopicOptions(false, true));

    assertEquals(List.of(), run(responder, null));
  }

  @Test
  void rejectsDataOfTheWrongType() {
    ResponderValidationException e = assertThrows(ResponderValidationException.class,
        () -> run(new IntegerResponder(), "text"));

    assertEquals("IntegerResponder.respond takes java.lang.Integer, but respondWith passed"
        + " java.lang.String", e.getMessage());
  }

  @Test
  void acceptsDataOfTheDeclaredType() {
    List<OutgoingMessage> sent = run(new IntegerResponder(), 41);

    assertEquals("gen:42", sent.getFirst().payloadString());
  }

  @Test
  void checksTheRawTypeOfAGenericDataType() {
    assertEquals("a,b", run(new ListResponder(), List.of("a", "b")).getFirst().payloadString());

    ResponderValidationException e = assertThrows(ResponderValidationException.class,
        () -> run(new ListResponder(), "a,b"));
    assertEquals("ListResponder.respond takes java.util.List, but respondWith passed"
        + " java.lang.String", e.getMessage());
  }

  @Test
  void checksTheTypeDeclaredThroughAGenericBaseClass() {
    ResponderValidationException e = assertThrows(ResponderValidationException.class,
        () -> run(new TypedImpl(), "text"));

    assertEquals("TypedImpl.respond takes java.lang.Integer, but respondWith passed"
        + " java.lang.String", e.getMessage());
  }

  @Test
  void respondToIsClosedAgainAfterRespondThrew() {
    ScriptedResponder responder = new ScriptedResponder(r -> {
      r.send("users", "x");
      throw new IllegalStateException("respond failed");
    }, "users");

    assertEquals("respond failed",
        assertThrows(IllegalStateException.class, () -> run(responder, null)).getMessage());
    assertThrows(IllegalStateException.class, () -> responder.send("users", "x"));
  }
}
