package io.karafka.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.karafka.parse.Parser;
import io.karafka.parse.ParserException;
import java.io.IOException;
import java.util.Objects;

/**
 * The default parser: JSON via Jackson. Objects parse to {@code Map<String, Object>}, arrays to
 * {@code List}; {@link #parse(byte[], Class)} binds to records and POJOs (unknown properties are
 * ignored); responders' objects are written with the same mapper. Trailing garbage after the
 * JSON value is an error.
 *
 * <pre>{@code
 * r.topic("users").controller(UsersController.class).parser(new JsonParser(myObjectMapper));
 * }</pre>
 *
 * Thread-safe (as Jackson's {@code ObjectMapper} is once configured).
 */
public final class JsonParser implements Parser {
  private final ObjectMapper mapper;

  /** A parser on a default mapper. */
  public JsonParser() {
    this(new ObjectMapper());
  }

  /** @param mapper the mapper to use (configure modules, naming, dates on it); copied */
  public JsonParser(ObjectMapper mapper) {
    this.mapper = Objects.requireNonNull(mapper, "mapper").copy()
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  @Override
  public Object parse(byte[] payload) {
    return parse(payload, Object.class);
  }

  @Override
  public <T> T parse(byte[] payload, Class<T> type) {
    Objects.requireNonNull(payload, "payload");
    try {
      return mapper.readValue(payload, type);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new ParserException("invalid JSON" + (type == Object.class ? "" : " for "
          + type.getName()) + (at == null ? "" : " at line " + at.getLineNr() + ", column "
          + at.getColumnNr()) + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new ParserException("could not read JSON: " + e.getMessage(), e);
    }
  }

  @Override
  public byte[] generate(Object value) {
    try {
      return mapper.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new ParserException("cannot write " + (value == null ? "null"
          : value.getClass().getName()) + " as JSON: " + e.getOriginalMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "JsonParser";
  }
}
