package io.karafka.examples.users;

import io.karafka.parse.Parser;
import io.karafka.parse.ParserException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A custom parser: one CSV line ({@code user,action}) to a list of fields, and back. */
public final class CsvParser implements Parser {
  @Override
  public Object parse(byte[] payload) {
    String line = new String(payload, StandardCharsets.UTF_8).strip();
    if (line.isEmpty() || line.contains("\n")) {
      throw new ParserException("expected one CSV line, got: " + line);
    }
    return List.of(line.split(",", -1));
  }

  @Override
  public byte[] generate(Object value) {
    if (value instanceof List<?> fields) {
      return String.join(",", fields.stream().map(String::valueOf).toList())
          .getBytes(StandardCharsets.UTF_8);
    }
    throw new ParserException("CsvParser writes lists, not " + value.getClass().getName());
  }
}
