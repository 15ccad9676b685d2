package io.karafka.params;

import io.karafka.message.Message;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The unparsed form of {@link Params}: the message as received (under the route's topic name) and
 * the values {@code beforeEnqueue} callbacks added. This is what an {@code Interchanger} carries
 * into a background job; the worker parses the payload again, lazily.
 *
 * @param message the message, topic already mapped to the route's name
 * @param additions values put into the params by callbacks (copied, insertion order kept; values
 *     may be null)
 */
public record RawParams(Message message, Map<String, Object> additions) {
  /** Validates and copies. */
  public RawParams {
    Objects.requireNonNull(message, "message");
    additions = additions.isEmpty() ? Map.of()
        : Collections.unmodifiableMap(new LinkedHashMap<>(additions));
  }

  /** @return params of a message nobody added anything to */
  public static RawParams of(Message message) {
    return new RawParams(message, Map.of());
  }
}
