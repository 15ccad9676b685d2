package io.karafka.params;

import io.karafka.message.Header;
import io.karafka.message.Message;
import io.karafka.message.TraceContext;
import io.karafka.parse.Parser;
import io.karafka.parse.ParserException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a controller receives: the message's metadata, its payload parsed lazily by the route's
 * parser, and what {@code beforeEnqueue} callbacks added.
 *
 * <p>Parsing happens on first access to the data ({@link #value()}, {@link #get}, {@link #toMap}).
 * When the parser fails, consumption goes on: the data becomes {@code {"message": <raw payload as
 * UTF-8>}}, {@link #parseError()} holds the error and the monitor is told once.
 *
 * <pre>{@code
 * String name = params.getString("name");
 * User user = params.as(User.class);          // binds with the route's parser
 * params.put("receivedTime", Instant.now().toString()); // in a callback, travels with the job
 * }</pre>
 *
 * <p>Not thread-safe: one controller owns its params.
 */
public final class Params {
  /** The key that holds the raw payload when parsing failed, as in the original framework. */
  public static final String MESSAGE_KEY = "message";

  private final Message message;
  private final Parser parser;
  private final Consumer<ParserException> onParseFailure;
  private Map<String, Object> additions;
  private boolean parsed;
  private Object value;
  private ParserException parseError;

  private Params(RawParams raw, Parser parser, Consumer<ParserException> onParseFailure) {
    this.message = raw.message();
    this.parser = Objects.requireNonNull(parser, "parser");
    this.onParseFailure = Objects.requireNonNull(onParseFailure, "onParseFailure");
    this.additions = raw.additions().isEmpty() ? Map.of() : new LinkedHashMap<>(raw.additions());
  }

  /**
   * @param raw the message and earlier additions
   * @param parser the route's parser
   * @param onParseFailure told once when parsing fails (Karafka passes the monitor here)
   * @return params that parse on first access
   */
  public static Params of(RawParams raw, Parser parser, Consumer<ParserException> onParseFailure) {
    return new Params(Objects.requireNonNull(raw, "raw"), parser, onParseFailure);
  }

  /** @return the route's topic name (after the topic mapper) */
  public String topic() {
    return message.topic();
  }

  /** @return the partition the message came from */
  public int partition() {
    return message.partition();
  }

  /** @return the message's offset in its partition */
  public long offset() {
    return message.offset();
  }

  /** @return the key as UTF-8 text, when the message has one */
  public Optional<String> key() {
    return message.keyString();
  }

  /** @return the raw key bytes, or null when the message has none */
  public byte[] rawKey() {
    return message.key();
  }

  /** @return all headers, in order */
  public List<Header> headers() {
    return message.headers();
  }

  /**
   * @return the message's W3C trace context ({@code traceparent}, {@code tracestate}), when it
   *     has a valid one: hand it to the tracer or HTTP client of a call made from perform
   */
  public Optional<TraceContext> trace() {
    return TraceContext.from(message.headers());
  }

  /** @return the last value of a header as UTF-8 text, when present */
  public Optional<String> header(String name) {
    return message.header(name).map(Header::stringValue);
  }

  /** @return the record's Kafka timestamp */
  public Instant timestamp() {
    return message.timestamp();
  }

  /** @return when the consumer received the message */
  public Instant receivedAt() {
    return message.receivedAt();
  }

  /** @return the raw payload bytes (null for a tombstone); read-only */
  public byte[] payload() {
    return message.payload();
  }

  /** @return the whole message as received */
  public Message message() {
    return message;
  }

  /**
   * @return the parsed payload; {@code {"message": raw}} when parsing failed; null for a
   *     tombstone
   */
  public Object value() {
    ensureParsed();
    return value;
  }

  /** @return the parser's error when the payload could not be parsed (parses if needed) */
  public Optional<ParserException> parseError() {
    ensureParsed();
    return Optional.ofNullable(parseError);
  }

  /**
   * @return the payload bound to a type by the route's parser
   * @throws ParserException when the payload cannot be read as that type
   */
  public <T> T as(Class<T> type) {
    Objects.requireNonNull(type, "type");
    if (message.payload() == null) {
      throw new ParserException("message " + message + " is a tombstone (no payload)");
    }
    return parser.parse(message.payload(), type);
  }

  /**
   * Looks a key up in the additions first, then in the parsed payload when it is a map.
   *
   * @return the value, or null when absent
   */
  public Object get(String key) {
    if (additions.containsKey(key)) {
      return additions.get(key);
    }
    return data().get(key);
  }

  /** @return whether {@link #get} would find the key */
  public boolean containsKey(String key) {
    return additions.containsKey(key) || data().containsKey(key);
  }

  /**
   * @return {@link #get} as text ({@code toString()} of numbers, booleans and other scalars), or
   *     null when absent
   * @throws ParserException when the value is a map, a list or an array, whose {@code toString()}
   *     is not its text: read those with {@link #get}
   */
  public String getString(String key) {
    Object v = get(key);
    return v == null ? null : TypedValues.toText(where(key), key, v);
  }

  /**
   * Reads a whole number exactly: an integer type, a decimal or floating-point number without a
   * fractional part, or integer text ({@code " 42 "}), within the range of a long.
   *
   * @return {@link #get} as a long, or null when absent
   * @throws ParserException when the value is not exactly a long: fractional, out of range, not
   *     finite, or not integer text
   */
  public Long getLong(String key) {
    Object v = get(key);
    return v == null ? null : TypedValues.toLong(where(key), v);
  }

  /**
   * @return {@link #get} as a boolean: {@code true}, {@code false} or their text (any case);
   *     false when absent or null
   * @throws ParserException for any other value, e.g. {@code "yes"} or {@code 1}
   */
  public boolean getBoolean(String key) {
    Object v = get(key);
    return v != null && TypedValues.toBoolean(where(key), v);
  }

  /**
   * Adds or replaces a value. Additions take precedence over the payload and travel with the
   * message into a background job (they must be serialisable by the route's interchanger).
   *
   * @return this
   */
  public Params put(String key, Object value) {
    if (additions.isEmpty()) {
      additions = new LinkedHashMap<>();
    }
    additions.put(Objects.requireNonNull(key, "key"), value);
    return this;
  }

  /** Adds every entry of the map, as {@link #put}. @return this */
  public Params merge(Map<String, ?> values) {
    values.forEach(this::put);
    return this;
  }

  /** @return a read-only view: the parsed map (if a map) overlaid with the additions */
  public Map<String, Object> toMap() {
    Map<String, Object> all = new LinkedHashMap<>(data());
    all.putAll(additions);
    return Collections.unmodifiableMap(all);
  }

  /** @return the message and the current additions, for an interchanger */
  public RawParams raw() {
    return new RawParams(message, additions);
  }

  private String where(String key) {
    return "params '" + key + "' of " + message;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> data() {
    ensureParsed();
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  private void ensureParsed() {
    if (parsed) {
      return;
    }
    parsed = true;
    byte[] payload = message.payload();
    if (payload == null) {
      return;
    }
    try {
      value = parser.parse(payload);
    } catch (ParserException e) {
      fail(e);
    } catch (RuntimeException e) {
      fail(new ParserException(parser.getClass().getSimpleName() + " failed on " + message
          + " without a ParserException: " + e, e));
    }
  }

  private void fail(ParserException e) {
    parseError = e;
    Map<String, Object> raw = new LinkedHashMap<>();
    raw.put(MESSAGE_KEY, new String(message.payload(), StandardCharsets.UTF_8));
    value = Collections.unmodifiableMap(raw);
    onParseFailure.accept(e);
  }

  @Override
  public String toString() {
    return "Params[" + message + "]";
  }
}
