package io.karafka.params;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.message.Header;
import io.karafka.message.Message;
import io.karafka.parse.Parser;
import io.karafka.parse.ParserException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ParamsTest {
  static final class ExplodingParser implements Parser {
    @Override
    public Object parse(byte[] payload) {
      throw new IllegalStateException("boom");
    }

    @Override
    public byte[] generate(Object value) {
      throw new UnsupportedOperationException();
    }
  }

  private static final Instant SENT = Instant.parse("2024-05-01T10:00:00Z");
  private static final Instant RECEIVED = Instant.parse("2024-05-01T10:00:01Z");

  private final KeyValueParser parser = new KeyValueParser();
  private final List<ParserException> failures = new ArrayList<>();

  private static Message message(String payload) {
    return new Message("users", 2, 42, "user-1".getBytes(StandardCharsets.UTF_8),
        payload == null ? null : payload.getBytes(StandardCharsets.UTF_8),
        List.of(Header.of("trace", "first"), Header.of("trace", "last")), SENT, RECEIVED);
  }

  private Params params(String payload) {
    return Params.of(RawParams.of(message(payload)), parser, failures::add);
  }

  @Test
  void exposesTheMessageMetadataWithoutParsing() {
    Params params = params("name=Ann");

    assertEquals("users", params.topic());
    assertEquals(2, params.partition());
    assertEquals(42, params.offset());
    assertEquals(Optional.of("user-1"), params.key());
    assertArrayEquals("user-1".getBytes(StandardCharsets.UTF_8), params.rawKey());
    assertEquals(2, params.headers().size());
    assertEquals(Optional.of("last"), params.header("trace"));
    assertEquals(Optional.empty(), params.header("missing"));
    assertEquals(SENT, params.timestamp());
    assertEquals(RECEIVED, params.receivedAt());
    assertArrayEquals("name=Ann".getBytes(StandardCharsets.UTF_8), params.payload());
    assertEquals(message("name=Ann"), params.message());
    assertEquals("Params[users/2@42]", params.toString());
    assertEquals(0, parser.calls);
  }

  @Test
  void parsesOnFirstAccessOnly() {
    Params params = params("name=Ann,age=17");
    assertEquals(0, parser.calls);

    assertEquals(Map.of("name", "Ann", "age", "17"), params.value());
    assertEquals(1, parser.calls);
    assertEquals("Ann", params.get("name"));
    assertEquals("17", params.getString("age"));
    assertTrue(params.containsKey("age"));
    assertEquals(Optional.empty(), params.parseError());
    assertEquals(1, parser.calls);
    assertEquals(List.of(), failures);
  }

  @Test
  void additionsAreFoundWithoutParsing() {
    Params params = params("name=Ann").put("received", "now");

    assertEquals("now", params.get("received"));
    assertEquals(0, parser.calls);
  }

  @Test
  void parseFailureKeepsTheRawPayloadAndTellsTheListenerOnce() {
    Params params = params("not a map");

    assertEquals(Map.of("message", "not a map"), params.value());
    assertEquals("not a map", params.get(Params.MESSAGE_KEY));
    assertEquals(Map.of("message", "not a map"), params.toMap());
    ParserException error = params.parseError().orElseThrow();
    assertEquals("not key=value: not a map", error.getMessage());
    params.value();
    params.get("message");
    assertEquals(List.of(error), failures);
    assertEquals(1, parser.calls);
  }

  @Test
  void parserExceptionOfAnotherKindIsWrapped() {
    Params params = Params.of(RawParams.of(message("x=1")), new ExplodingParser(),
        failures::add);

    assertEquals(Map.of("message", "x=1"), params.value());
    ParserException error = params.parseError().orElseThrow();
    assertEquals("ExplodingParser failed on users/2@42 without a ParserException:"
        + " java.lang.IllegalStateException: boom", error.getMessage());
    assertInstanceOf(IllegalStateException.class, error.getCause());
    assertEquals(List.of(error), failures);
  }

  @Test
  void asBindsWithTheParser() {
    Params params = params("a=1");

    assertEquals(Map.of("a", "1"), params.as(Map.class));
    ParserException e = assertThrows(ParserException.class, () -> params.as(String.class));
    assertEquals("KeyValueParser parsed a java.util.LinkedHashMap, not a java.lang.String",
        e.getMessage());
  }

  @Test
  void tombstoneHasNoValue() {
    Params params = params(null);

    assertNull(params.value());
    assertNull(params.payload());
    assertNull(params.get("a"));
    assertEquals(Map.of(), params.toMap());
    assertEquals(Optional.empty(), params.parseError());
    assertEquals(0, parser.calls);
    assertEquals(List.of(), failures);
    ParserException e = assertThrows(ParserException.class, () -> params.as(Map.class));
    assertEquals("message users/2@42 is a tombstone (no payload)", e.getMessage());
  }

  @Test
  void messageWithoutKey() {
    Message keyless = new Message("t", 0, 0, null, new byte[0], List.of(), SENT, RECEIVED);
    Params params = Params.of(RawParams.of(keyless), parser, failures::add);

    assertEquals(Optional.empty(), params.key());
    assertNull(params.rawKey());
    assertSame(keyless, params.message());
  }

}
