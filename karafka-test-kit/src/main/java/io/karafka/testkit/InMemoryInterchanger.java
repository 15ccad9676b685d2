package io.karafka.testkit;

import io.karafka.interchange.InterchangeException;
import io.karafka.interchange.Interchanger;
import io.karafka.params.RawParams;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps params in memory and hands out a reference ({@code mem:N}) as the job payload: objects
 * come back identical, with no serialisation. Only for jobs that stay in this JVM. Thread-safe.
 */
public final class InMemoryInterchanger implements Interchanger {
  private final Map<String, List<RawParams>> kept = new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong();

  @Override
  public String encode(List<RawParams> params) {
    String reference = "mem:" + sequence.incrementAndGet();
    kept.put(reference, List.copyOf(params));
    return reference;
  }

  @Override
  public List<RawParams> decode(String encoded) {
    List<RawParams> params = kept.get(encoded);
    if (params == null) {
      throw new InterchangeException("InMemoryInterchanger holds no params for '" + encoded
          + "' (payloads of another process or interchanger cannot be read)");
    }
    return params;
  }
}
