package io.karafka.params;

import io.karafka.parse.ParserException;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The conversions behind {@link Params}' typed getters: each returns the value it was given or
 * throws, never a rounded, wrapped or guessed one.
 */
final class TypedValues {
  private static final String LONG_RANGE =
      "it is outside " + Long.MIN_VALUE + ".." + Long.MAX_VALUE;
  private static final String WHOLE_NUMBER = "expected a whole number or its text, such as 42";

  private TypedValues() {}

  /** @param where e.g. {@code params 'age' of users/2@42}, the start of every message */
  static long toLong(String where, Object v) {
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Number n) {
      return exactLong(where, n);
    }
    if (!(v instanceof CharSequence s)) {
      throw notA("a long", where, v, WHOLE_NUMBER, null);
    }
    String text = s.toString().trim();
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw notA("a long", where, v, text.matches("[+-]?\\d+") ? LONG_RANGE : WHOLE_NUMBER, e);
    }
  }

  static boolean toBoolean(String where, Object v) {
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof CharSequence s) {
      String text = s.toString().trim();
      if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
        return Boolean.parseBoolean(text);
      }
    }
    throw notA("a boolean", where, v, "expected true or false, or their text", null);
  }

  static String toText(String where, String key, Object v) {
    if (v instanceof Map<?, ?> || v instanceof Collection<?> || v.getClass().isArray()) {
      throw notA("text", where, v, "getString does not render maps, lists or arrays; read it"
          + " with get(\"" + key + "\")", null);
    }
    return v.toString();
  }

  private static long exactLong(String where, Number n) {
    BigDecimal d;
    try {
      // toString, not doubleValue: it is what the number says it is, for any Number type.
      d = n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
    } catch (NumberFormatException e) {
      throw notA("a long", where, n, "it is not a finite number", e);
    }
    if (d.stripTrailingZeros().scale() > 0) {
      throw notA("a long", where, n, "it has a fractional part", null);
    }
    try {
      return d.longValueExact();
    } catch (ArithmeticException e) {
      throw notA("a long", where, n, LONG_RANGE, e);
    }
  }

  private static ParserException notA(String type, String where, Object v, String why,
                                      Throwable cause) {
    return new ParserException(where + " is " + describe(v) + ", not " + type + ": " + why,
        cause);
  }

  private static String describe(Object v) {
    if (v.getClass().isArray()) {
      return "a " + v.getClass().getComponentType().getSimpleName() + "[] of length "
          + Array.getLength(v);
    }
    String type = v instanceof Map<?, ?> ? "Map" : v instanceof List<?> ? "List"
        : v.getClass().getSimpleName();
    String text = v instanceof CharSequence ? "\"" + v + "\"" : v.toString();
    return text + " (" + type + ")";
  }
}
