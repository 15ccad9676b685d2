package io.karafka.queue.redis;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonpCharacterEscapes;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sidekiq's job hashes as JSON, on jackson-core's streaming parser and generator. Objects read
 * as maps in their order, arrays as lists, numbers as {@link BigDecimal} (so epoch seconds keep
 * every digit); text is written as Ruby's JSON writes it, plus U+2028 and U+2029 escaped. Bad
 * input fails with an {@link IllegalArgumentException}, within the limits below.
 */
final class SidekiqJson {
  /** Ruby's JSON.parse refuses more by default: Sidekiq cannot have written a deeper hash. */
  static final int MAX_DEPTH = 100;
  /** Ruby's longest Float is 24 characters; no number in a Karafka job hash is longer. */
  static final int MAX_NUMBER_LENGTH = 100;
  /** Redis's limit for a value: a job hash that Redis could hold always reads. */
  static final int MAX_STRING_LENGTH = 512 * 1024 * 1024;

  private static final JsonFactory JSON = new JsonFactoryBuilder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(MAX_DEPTH)
          .maxNumberLength(MAX_NUMBER_LENGTH)
          .maxStringLength(MAX_STRING_LENGTH)
          .build())
      .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE) // hex digits in lower case, as Ruby
      .characterEscapes(JsonpCharacterEscapes.instance()) // escapes U+2028 and U+2029 too
      .build();

  private SidekiqJson() {}

  static Object parse(String text) {
    try (JsonParser p = JSON.createParser(text)) {
      return document(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen: the input is a String
    }
  }

  private static Object document(JsonParser p) throws IOException {
    try {
      if (p.nextToken() == null) {
        throw invalid(p.currentLocation(), "no value", null);
      }
      Object value = value(p);
      if (p.nextToken() != null) {
        throw invalid(p.currentTokenLocation(), "trailing characters", null);
      }
      return value;
    } catch (JsonProcessingException e) {
      // a broken limit carries no location of its own
      JsonLocation at = e.getLocation() != null ? e.getLocation() : p.currentLocation();
      throw invalid(at, e.getOriginalMessage(), e);
    }
  }

  static String write(Object value) {
    StringBuilder out = new StringBuilder();
    try (JsonGenerator g = JSON.createGenerator(new Appender(out))) {
      write(value, g);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot write as JSON: " + e.getMessage(), e);
    }
    return out.toString();
  }

  /** Appends {@code s} as a JSON string, quoted and escaped as {@link #write} does. */
  static void string(String s, StringBuilder out) {
    try (JsonGenerator g = JSON.createGenerator(new Appender(out))) {
      g.writeString(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen: the output is a StringBuilder
    }
  }

  /** Recursion is bounded by {@link #MAX_DEPTH}: the parser refuses to go deeper. */
  private static Object value(JsonParser p) throws IOException {
    return switch (p.currentToken()) {
      case START_OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        for (String key = p.nextFieldName(); key != null; key = p.nextFieldName()) {
          p.nextToken();
          map.put(key, value(p));
        }
        yield map;
      }
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          list.add(value(p));
        }
        yield list;
      }
      case VALUE_STRING -> p.getText();
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getDecimalValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      default -> throw invalid(p.currentTokenLocation(), "unexpected " + p.currentToken(), null);
    };
  }

  private static void write(Object value, JsonGenerator g) throws IOException {
    switch (value) {
      case null -> g.writeNull();
      case String s -> g.writeString(s);
      case Boolean b -> g.writeBoolean(b);
      case Double d -> g.writeNumber(BigDecimal.valueOf(d).toPlainString());
      case Number n -> g.writeNumber(n.toString());
      case Map<?, ?> map -> {
        g.writeStartObject();
        for (Map.Entry<?, ?> e : map.entrySet()) {
          g.writeFieldName(String.valueOf(e.getKey()));
          write(e.getValue(), g);
        }
        g.writeEndObject();
      }
      case List<?> list -> {
        g.writeStartArray();
        for (Object item : list) {
          write(item, g);
        }
        g.writeEndArray();
      }
      default -> throw new IllegalArgumentException(
          "cannot write " + value.getClass() + " as JSON");
    }
  }

  private static IllegalArgumentException invalid(JsonLocation at, String what, Exception cause) {
    // Jackson names an opening bracket "[Source: REDACTED (`...` disabled); line: 1, column: 9]"
    String clear = what.replaceAll("\\[Source: .*?; line: (\\d+), column: (\\d+)]",
        "line $1, column $2");
    return new IllegalArgumentException(
        "invalid JSON at character " + at.getCharOffset() + ": " + clear, cause);
  }

  /** Writes into a StringBuilder: StringWriter would lock and copy on the enqueue hot path. */
  private static final class Appender extends Writer {
    private final StringBuilder out;

    Appender(StringBuilder out) {
      this.out = out;
    }

    @Override
    public void write(char[] chars, int offset, int length) {
      out.append(chars, offset, length);
    }

    @Override
    public void write(String s, int offset, int length) {
      out.append(s, offset, offset + length);
    }

    @Override
    public void write(int c) {
      out.append((char) c);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
