package io.karafka.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.karafka.parse.ParserException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonParserTest {
  private final JsonParser parser = new JsonParser();

  record User(String name, int age) {}

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void objectsParseToMapsAndArraysToLists() {
    assertEquals(Map.of("name", "Ada", "tags", List.of("a", "b")),
        parser.parse(utf8("{\"name\":\"Ada\",\"tags\":[\"a\",\"b\"]}")));
    assertEquals(List.of(1, 2), parser.parse(utf8("[1,2]")));
  }

  @Test
  void bindsToRecordsIgnoringUnknownProperties() {
    assertEquals(new User("Ada", 36),
        parser.parse(utf8("{\"name\":\"Ada\",\"age\":36,\"extra\":true}"), User.class));
  }

  @Test
  void malformedJsonNamesTheLineAndColumn() {
    ParserException e = assertThrows(ParserException.class,
        () -> parser.parse(utf8("{\"name\":\n oops}")));
    assertEquals("invalid JSON at line 2, column 2: Unrecognized token 'oops': was expecting"
        + " (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
        e.getMessage());
  }

  @Test
  void trailingGarbageIsAnError() {
    assertThrows(ParserException.class, () -> parser.parse(utf8("{\"a\":1} {\"b\":2}")));
  }

  @Test
  void aWrongShapeForATypeNamesTheType() {
    ParserException e = assertThrows(ParserException.class,
        () -> parser.parse(utf8("[1]"), User.class));
    assertEquals(true, e.getMessage().startsWith("invalid JSON for io.karafka.json"
        + ".JsonParserTest$User at line 1, column 1: "), e.getMessage());
  }

  @Test
  void generatesJson() {
    assertArrayEquals(utf8("{\"name\":\"Ada\",\"age\":36}"), parser.generate(new User("Ada", 36)));
  }

  @Test
  void aValueJacksonCannotWriteIsAParserException() {
    ParserException e = assertThrows(ParserException.class, () -> parser.generate(new Object()));
    assertEquals(true, e.getMessage().startsWith("cannot write java.lang.Object as JSON: "),
        e.getMessage());
  }
}
