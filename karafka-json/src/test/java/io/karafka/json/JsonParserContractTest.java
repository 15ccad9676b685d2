package io.karafka.json;

import io.karafka.parse.Parser;
import io.karafka.testkit.ParserContract;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The parser contract of the test kit, on the JSON parser. */
class JsonParserContractTest extends ParserContract {
  @Override
  protected Parser createParser() {
    return new JsonParser();
  }

  @Override
  protected List<Object> values() {
    return List.of(Map.of("name", "Ada ✓", "tags", List.of("a", "b"), "age", 36, "admin", true,
            "address", Map.of("city", "Zürich")), List.of(1, 2.5, "three", List.of()),
        "text with \"quotes\" and \n", 42, 1L << 40, 3.5, false);
  }

  @Override
  protected List<byte[]> malformedPayloads() {
    return List.of(utf8(""), utf8("{"), utf8("{\"a\":}"), utf8("[1,2"), utf8("nul"),
        utf8("{\"a\":1,}"), utf8("{\"a\":1} {\"b\":2}"), utf8("\"unterminated"),
        new byte[] {'"', (byte) 0xC3, '(', '"'});
  }

  @Override
  protected Optional<Object> unwritableValue() {
    return Optional.of(new Object());
  }
}
