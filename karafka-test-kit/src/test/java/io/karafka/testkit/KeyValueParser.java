package io.karafka.testkit;

import io.karafka.parse.Parser;
import io.karafka.parse.ParserException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Parses {@code a=1&b=2} into a map; anything else without '=' is malformed. */
final class KeyValueParser implements Parser {
  @Override
  public Object parse(byte[] payload) {
    String text = new String(payload, StandardCharsets.UTF_8);
    Map<String, Object> map = new LinkedHashMap<>();
    for (String pair : text.split("&")) {
      int eq = pair.indexOf('=');
      if (eq < 1) {
        throw new ParserException("not key=value: " + pair);
      }
      map.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return map;
  }

  @Override
  public byte[] generate(Object value) {
    return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
  }
}
