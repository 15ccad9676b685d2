package io.karafka.message;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One Kafka record header. The value is kept as bytes (it may be binary) and may be null.
 *
 * @param key the header name
 * @param value the raw header value, or null
 */
public record Header(String key, byte[] value) {
  /** Validates the key. */
  public Header {
    Objects.requireNonNull(key, "key");
  }

  /** @return a header whose value is the UTF-8 bytes of {@code value} */
  public static Header of(String key, String value) {
    return new Header(key, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
  }

  /** @return the value decoded as UTF-8, or null when the value is null */
  public String stringValue() {
    return value == null ? null : new String(value, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Header h && key.equals(h.key) && java.util.Arrays.equals(value, h.value);
  }

  @Override
  public int hashCode() {
    return 31 * key.hashCode() + java.util.Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return key + "=" + (value == null ? "null" : value.length + " bytes");
  }
}
