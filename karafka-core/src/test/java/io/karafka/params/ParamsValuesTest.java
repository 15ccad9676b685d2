package io.karafka.params;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.message.Header;
import io.karafka.message.Message;
import io.karafka.parse.ParserException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Additions and typed accessors of {@link Params}; parsing is in {@link ParamsTest}. */
class ParamsValuesTest {
  private static final Instant SENT = Instant.parse("2024-05-01T10:00:00Z");

  private final KeyValueParser parser = new KeyValueParser();

  private static Message message(String payload) {
    return new Message("users", 2, 42, null, payload.getBytes(StandardCharsets.UTF_8),
        List.of(Header.of("trace", "1")), SENT, SENT);
  }

  private Params params(String payload) {
    return Params.of(RawParams.of(message(payload)), parser, e -> { });
  }

  @Test
  void additionsOverridePayloadKeysAndTravelInRaw() {
    Params params = params("name=Ann,age=17")
        .put("name", "Bob")
        .merge(Map.of("admin", true));

    assertEquals("Bob", params.get("name"));
    assertEquals(Map.of("name", "Bob", "age", "17", "admin", true), params.toMap());
    RawParams raw = params.raw();
    assertEquals(Map.of("name", "Bob", "admin", true), raw.additions());
    assertEquals(message("name=Ann,age=17"), raw.message());
  }

  @Test
  void additionsOfTheRawParamsAreKept() {
    Params params = Params.of(new RawParams(message("a=1"), Map.of("b", 2)), parser,
        e -> { });

    assertEquals(2, params.get("b"));
    assertEquals(Map.of("b", 2), params.raw().additions());
  }

  @Test
  void rawAdditionsAreASnapshot() {
    Params params = params("a=1").put("first", 1);
    RawParams before = params.raw();
    params.put("second", 2);

    assertEquals(Map.of("first", 1), before.additions());
    assertThrows(UnsupportedOperationException.class, () -> before.additions().put("x", 1));
  }

  @Test
  void getLongReadsNumbersAndNumericText() {
    Params params = params("age=17,padded= 42 ").put("count", 5).put("big", 3_000_000_000L);

    assertEquals(17L, params.getLong("age"));
    assertEquals(42L, params.getLong("padded"));
    assertEquals(5L, params.getLong("count"));
    assertEquals(3_000_000_000L, params.getLong("big"));
    assertNull(params.getLong("missing"));
  }

  @Test
  void getLongOnNonNumberThrows() {
    Params params = params("name=Ann");

    ParserException e = assertThrows(ParserException.class, () -> params.getLong("name"));

    assertEquals("params 'name' of users/2@42 is not a number: Ann", e.getMessage());
    assertInstanceOf(NumberFormatException.class, e.getCause());
  }

  @Test
  void getBoolean() {
    Params params = params("yes=true,caps=TRUE,no=false,other=yes").put("flag", true)
        .put("off", false);

    assertTrue(params.getBoolean("yes"));
    assertTrue(params.getBoolean("caps"));
    assertTrue(params.getBoolean("flag"));
    assertFalse(params.getBoolean("no"));
    assertFalse(params.getBoolean("other"));
    assertFalse(params.getBoolean("off"));
    assertFalse(params.getBoolean("missing"));
  }

  @Test
  void getStringOfNonText() {
    Params params = params("a=1").put("n", 5).put("nothing", null);

    assertEquals("5", params.getString("n"));
    assertNull(params.getString("nothing"));
    assertTrue(params.containsKey("nothing"));
  }

  @Test
  void toMapIsReadOnly() {
    Params params = params("a=1");
    Map<String, Object> map = params.toMap();

    assertThrows(UnsupportedOperationException.class, () -> map.put("b", 2));
    assertEquals(Map.of("a", "1"), params.toMap());
  }

  @Test
  void putRequiresAKey() {
    assertThrows(NullPointerException.class, () -> params("a=1").put(null, 1));
  }
}
