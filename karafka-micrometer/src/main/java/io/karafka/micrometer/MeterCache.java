package io.karafka.micrometer;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Meters by the tag values that name them, registered once on first use: a monitor runs on every
 * message, and looking a meter up in the registry with a builder each time costs more than the
 * work it measures.
 *
 * @param <K> the tag values, a record
 * @param <M> the meter, or a record of the meters of one tag set
 */
final class MeterCache<K, M> {
  private final ConcurrentHashMap<K, M> meters = new ConcurrentHashMap<>();
  private final Function<K, M> register;

  /** @param register registers the meters of a tag set (called once per key) */
  MeterCache(Function<K, M> register) {
    this.register = register;
  }

  /** @return the meters of these tag values, registered if new */
  M get(K key) {
    M found = meters.get(key);
    return found != null ? found : meters.computeIfAbsent(key, register);
  }
}
