package io.karafka.params;

import io.karafka.parse.Parser;
import io.karafka.parse.ParserException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Parses {@code k=v,k2=v2} into a map; counts calls; fails on entries without '='. */
final class KeyValueParser implements Parser {
  int calls;

  @Override
  public Object parse(byte[] payload) {
    calls++;
    Map<String, Object> map = new LinkedHashMap<>();
    for (String entry : new String(payload, StandardCharsets.UTF_8).split(",")) {
      int eq = entry.indexOf('=');
      if (eq < 0) {
        throw new ParserException("not key=value: " + entry);
      }
      map.put(entry.substring(0, eq), entry.substring(eq + 1));
    }
    return map;
  }

  @Override
  public byte[] generate(Object value) {
    throw new UnsupportedOperationException();
  }
}
