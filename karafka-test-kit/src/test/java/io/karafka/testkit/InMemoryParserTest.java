package io.karafka.testkit;

import io.karafka.parse.Parser;
import java.util.List;

/** The parser contract on the test kit's text parser. */
class InMemoryParserTest extends ParserContract {
  @Override
  protected Parser createParser() {
    return new InMemoryParser(text -> text.startsWith("malformed"));
  }

  @Override
  protected List<Object> values() {
    return List.of("text", "", "ünïcödé ✓", "{\"n\":1}");
  }

  @Override
  protected List<byte[]> malformedPayloads() {
    return List.of(utf8("malformed"), utf8("malformed {\"n\":1}"));
  }
}
