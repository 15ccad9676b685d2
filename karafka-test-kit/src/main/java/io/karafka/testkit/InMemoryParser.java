package io.karafka.testkit;

import io.karafka.parse.Parser;
import io.karafka.parse.ParserException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A text parser for tests: payloads parse to their UTF-8 text, values generate their
 * {@code toString()}; payloads the given predicate calls malformed fail like a real parser would.
 * Thread-safe.
 */
public final class InMemoryParser implements Parser {
  private final Predicate<String> malformed;

  /** A parser that accepts every payload. */
  public InMemoryParser() {
    this(text -> false);
  }

  /** @param malformed which texts fail to parse */
  public InMemoryParser(Predicate<String> malformed) {
    this.malformed = Objects.requireNonNull(malformed, "malformed");
  }

  @Override
  public Object parse(byte[] payload) {
    String text = new String(payload, StandardCharsets.UTF_8);
    if (malformed.test(text)) {
      throw new ParserException("malformed payload: " + text);
    }
    return text;
  }

  @Override
  public byte[] generate(Object value) {
    return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
  }
}
