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
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
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
  void getLongTakesWholeNumbersOfEveryNumberType() {
    Params params = params("minus=-7,plus=+8").put("double", 60001.0).put("float", 3.0f)
        .put("decimal", new BigDecimal("12.000")).put("exponent", new BigDecimal("1E+3"))
        .put("bigInteger", BigInteger.valueOf(Long.MIN_VALUE)).put("short", (short) 4)
        .put("max", Long.MAX_VALUE).put("negativeZero", -0.0);

    assertEquals(-7L, params.getLong("minus"));
    assertEquals(8L, params.getLong("plus"));
    assertEquals(60001L, params.getLong("double"));
    assertEquals(3L, params.getLong("float"));
    assertEquals(12L, params.getLong("decimal"));
    assertEquals(1000L, params.getLong("exponent"));
    assertEquals(Long.MIN_VALUE, params.getLong("bigInteger"));
    assertEquals(4L, params.getLong("short"));
    assertEquals(Long.MAX_VALUE, params.getLong("max"));
    assertEquals(0L, params.getLong("negativeZero"));
  }

  @Test
  void getLongOnNonNumberThrows() {
    Params params = params("name=Ann");

    ParserException e = assertThrows(ParserException.class, () -> params.getLong("name"));

    assertEquals("params 'name' of users/2@42 is \"Ann\" (String), not a long: expected a whole"
        + " number or its text, such as 42", e.getMessage());
    assertInstanceOf(NumberFormatException.class, e.getCause());
  }

  @Test
  void getLongRefusesWhatALongCannotHoldExactly() {
    String range = "it is outside -9223372036854775808..9223372036854775807";
    Params params = params("huge=9223372036854775809,fraction=1.5")
        .put("bigInteger", new BigInteger("9223372036854775809"))
        .put("double", 60001.9).put("float", 0.5f).put("decimal", new BigDecimal("2.50"))
        .put("bigDouble", 1e20).put("twoToThe63", 9.223372036854775807E18)
        .put("nan", Double.NaN).put("infinity", Double.POSITIVE_INFINITY)
        .put("flag", true).put("list", List.of(1));

    assertEquals(Map.of(
        "huge", "params 'huge' of users/2@42 is \"9223372036854775809\" (String), not a long: "
            + range,
        "fraction", "params 'fraction' of users/2@42 is \"1.5\" (String), not a long:"
            + " expected a whole number or its text, such as 42",
        "bigInteger", "params 'bigInteger' of users/2@42 is 9223372036854775809 (BigInteger),"
            + " not a long: " + range,
        "double", "params 'double' of users/2@42 is 60001.9 (Double), not a long: it has a"
            + " fractional part",
        "float", "params 'float' of users/2@42 is 0.5 (Float), not a long: it has a fractional"
            + " part",
        "decimal", "params 'decimal' of users/2@42 is 2.50 (BigDecimal), not a long: it has a"
            + " fractional part",
        "bigDouble", "params 'bigDouble' of users/2@42 is 1.0E20 (Double), not a long: " + range,
        "twoToThe63", "params 'twoToThe63' of users/2@42 is 9.223372036854776E18 (Double), not"
            + " a long: " + range,
        "nan", "params 'nan' of users/2@42 is NaN (Double), not a long: it is not a finite"
            + " number",
        "infinity", "params 'infinity' of users/2@42 is Infinity (Double), not a long: it is not"
            + " a finite number"), errors(params, Params::getLong, "huge", "fraction",
            "bigInteger", "double", "float", "decimal", "bigDouble", "twoToThe63", "nan",
            "infinity"));
    assertEquals(Map.of(
        "flag", "params 'flag' of users/2@42 is true (Boolean), not a long: expected a whole"
            + " number or its text, such as 42",
        "list", "params 'list' of users/2@42 is [1] (List), not a long: expected a whole number"
            + " or its text, such as 42"), errors(params, Params::getLong, "flag", "list"));
  }

  @Test
  void getBoolean() {
    Params params = params("yes=true,caps=TRUE,padded= false ,no=false").put("flag", true)
        .put("off", false).put("nothing", null);

    assertTrue(params.getBoolean("yes"));
    assertTrue(params.getBoolean("caps"));
    assertTrue(params.getBoolean("flag"));
    assertFalse(params.getBoolean("padded"));
    assertFalse(params.getBoolean("no"));
    assertFalse(params.getBoolean("off"));
    assertFalse(params.getBoolean("nothing"));
    assertFalse(params.getBoolean("missing"));
  }

  @Test
  void getBooleanRefusesWhatIsNeitherTrueNorFalse() {
    Params params = params("other=yes,empty=").put("one", 1);

    assertEquals(Map.of(
        "other", "params 'other' of users/2@42 is \"yes\" (String), not a boolean: expected"
            + " true or false, or their text",
        "empty", "params 'empty' of users/2@42 is \"\" (String), not a boolean: expected true"
            + " or false, or their text",
        "one", "params 'one' of users/2@42 is 1 (Integer), not a boolean: expected true or"
            + " false, or their text"), errors(params, Params::getBoolean, "other", "empty",
            "one"));
  }

  @Test
  void getStringOfNonText() {
    Params params = params("a=1").put("n", 5).put("d", 60001.9).put("flag", false)
        .put("nothing", null);

    assertEquals("5", params.getString("n"));
    assertEquals("60001.9", params.getString("d"));
    assertEquals("false", params.getString("flag"));
    assertNull(params.getString("nothing"));
    assertTrue(params.containsKey("nothing"));
  }

  @Test
  void getStringRefusesContainersWhoseToStringIsNotTheirText() {
    Map<String, Object> address = new LinkedHashMap<>();
    address.put("city", "Paris");
    Params params = params("a=1").put("address", address).put("tags", List.of("a", "b"))
        .put("raw", new byte[] {1, 2, 3});

    assertEquals(Map.of(
        "address", "params 'address' of users/2@42 is {city=Paris} (Map), not text: getString"
            + " does not render maps, lists or arrays; read it with get(\"address\")",
        "tags", "params 'tags' of users/2@42 is [a, b] (List), not text: getString does not"
            + " render maps, lists or arrays; read it with get(\"tags\")",
        "raw", "params 'raw' of users/2@42 is a byte[] of length 3, not text: getString does not"
            + " render maps, lists or arrays; read it with get(\"raw\")"),
        errors(params, Params::getString, "address", "tags", "raw"));
  }

  private static Map<String, String> errors(Params params, BiFunction<Params, String, ?> getter,
                                            String... keys) {
    Map<String, String> messages = new LinkedHashMap<>();
    for (String key : keys) {
      messages.put(key, assertThrows(ParserException.class, () -> getter.apply(params, key),
          key).getMessage());
    }
    return messages;
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
