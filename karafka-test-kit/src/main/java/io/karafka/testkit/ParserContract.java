package io.karafka.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import io.karafka.parse.Parser;
import io.karafka.parse.ParserException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The rules every {@link Parser} keeps, as tests: what {@code generate} writes, {@code parse}
 * reads back equal; parsing into a type gives that type or a {@link ParserException}; every
 * failure (a malformed, empty or cut payload, a value the format cannot hold) is a
 * {@link ParserException} with a message, never another exception, so Karafka can keep the raw
 * payload and go on; one parser serves many threads. Extend it once per parser:
 *
 * <pre>{@code
 * class CsvParserTest extends ParserContract {
 *   protected Parser createParser() { return new CsvParser(); }
 *   protected List<Object> values() { return List.of(List.of("a", "b")); }
 *   protected List<byte[]> malformedPayloads() { return List.of(utf8("\"open")); }
 * }
 * }</pre>
 *
 * Payloads are never null ({@link Parser#parse(byte[])} says so), so no rule covers a null one.
 */
public abstract class ParserContract {
  /** The parser under test, new for each test. */
  protected Parser parser;

  /** @return a new parser */
  protected abstract Parser createParser();

  /**
   * @return values the format holds, as {@code parse} returns them (for JSON: maps, lists,
   *     strings, numbers, booleans): each must come back equal from {@code generate} then
   *     {@code parse}
   */
  protected abstract List<Object> values();

  /** @return payloads the format refuses; each must fail with a {@link ParserException} */
  protected abstract List<byte[]> malformedPayloads();

  /** @return a value the format cannot write, if there is one (JSON: a plain {@code Object}) */
  protected Optional<Object> unwritableValue() {
    return Optional.empty();
  }

  /** @return the UTF-8 bytes of the text */
  protected static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @BeforeEach
  void createParserUnderTest() {
    parser = createParser();
  }

  @Test
  void aGeneratedValueParsesBackEqual() {
    for (Object value : values()) {
      assertEquals(value, parser.parse(parser.generate(value)), "round trip of " + value);
    }
  }

  @Test
  void parsingIntoTheTypeOfTheParsedValueGivesTheSameValue() {
    for (Object value : values()) {
      byte[] payload = parser.generate(value);
      Object parsed = parser.parse(payload);
      assertEquals(parsed, parser.parse(payload, parsed.getClass()), "as " + parsed.getClass());
      assertEquals(parsed, parser.parse(payload, Object.class), "as Object");
    }
  }

  @Test
  void parsingIntoATypeTheValueIsNotIsAParserException() {
    for (Object value : values()) {
      byte[] payload = parser.generate(value);
      assertParserException(() -> parser.parse(payload, NotAValue.class), "parsing " + value
          + " as " + NotAValue.class.getName());
    }
  }

  @Test
  void aMalformedPayloadIsAParserExceptionWithAMessage() {
    for (byte[] payload : malformedPayloads()) {
      String shown = new String(payload, StandardCharsets.UTF_8);
      assertParserException(() -> parser.parse(payload), "parsing " + shown);
      assertParserException(() -> parser.parse(payload, Object.class), "parsing " + shown
          + " as Object");
    }
  }

  @Test
  void anEmptyPayloadParsesOrIsAParserException() {
    parsesOrRefuses(new byte[0]);
  }

  @Test
  void aCutOrCorruptedPayloadParsesOrIsAParserExceptionNeverAnotherException() {
    for (Object value : values()) {
      byte[] payload = parser.generate(value);
      for (int length = 0; length < payload.length; length++) {
        parsesOrRefuses(Arrays.copyOf(payload, length));
        byte[] corrupted = payload.clone();
        corrupted[length] = (byte) 0xFF; // never valid in UTF-8
        parsesOrRefuses(corrupted);
      }
    }
  }

  @Test
  void aValueTheFormatCannotHoldIsAParserExceptionWithAMessage() {
    Optional<Object> unwritable = unwritableValue();
    Assumptions.assumeTrue(unwritable.isPresent(), "this parser writes every value");
    assertParserException(() -> parser.generate(unwritable.get()), "generating "
        + unwritable.get());
  }

  @Test
  void oneParserServesManyThreads() throws Exception {
    List<Object> values = values();
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        running.add(threads.submit(() -> {
          for (int i = 0; i < 250; i++) {
            Object value = values.get(i % values.size());
            assertEquals(value, parser.parse(parser.generate(value)));
          }
          return null;
        }));
      }
      for (Future<?> f : running) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }
  }

  private void parsesOrRefuses(byte[] payload) {
    try {
      parser.parse(payload);
    } catch (ParserException refused) {
      assertMessage(refused, "parsing " + Arrays.toString(payload));
    } catch (RuntimeException e) {
      fail("parsing " + Arrays.toString(payload) + " threw " + e + ", not a ParserException", e);
    }
  }

  private static void assertParserException(Executable call, String what) {
    assertMessage(assertThrows(ParserException.class, call, what), what);
  }

  private static void assertMessage(ParserException e, String what) {
    assertFalse(e.getMessage() == null || e.getMessage().isBlank(), what
        + ": a ParserException without a message");
  }

  /** A type no payload is: parsing into it must fail. */
  public interface NotAValue {}
}
