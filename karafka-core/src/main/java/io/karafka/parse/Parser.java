package io.karafka.parse;

/**
 * Turns message payloads into objects ({@link #parse}) and objects back into payloads
 * ({@link #generate}, used by responders). The default is JSON ({@code JsonParser} in
 * {@code karafka-json}). A route may name its own parser.
 *
 * <p>Implementations must be thread-safe and signal every failure with a
 * {@link ParserException}: Karafka then keeps the raw payload in the params under
 * {@code "message"} and tells the monitor, instead of stopping consumption.
 *
 * <pre>{@code
 * final class CsvParser implements Parser {
 *   public Object parse(byte[] payload) { ... }
 *   public byte[] generate(Object value) { ... }
 * }
 * }</pre>
 */
public interface Parser {
  /**
   * @param payload the message bytes, never null
   * @return the parsed value (for JSON: a {@code Map}, {@code List}, {@code String}, number, ...)
   * @throws ParserException when the payload is malformed
   */
  Object parse(byte[] payload);

  /**
   * @param value what a responder sends
   * @return the bytes to publish
   * @throws ParserException when the value cannot be written in this format
   */
  byte[] generate(Object value);

  /**
   * Parses into a given type. The default parses and checks the type; parsers that can bind
   * (like JSON to a record) override it.
   *
   * @throws ParserException when malformed or not of that type
   */
  default <T> T parse(byte[] payload, Class<T> type) {
    Object value = parse(payload);
    if (type.isInstance(value)) {
      return type.cast(value);
    }
    throw new ParserException(getClass().getSimpleName() + " parsed a "
        + (value == null ? "null" : value.getClass().getName()) + ", not a " + type.getName());
  }
}
