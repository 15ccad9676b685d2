package io.karafka.interchange;

import io.karafka.params.RawParams;
import java.util.List;

/**
 * Turns the params of a message (or of a batch, in batch mode) into a job-safe string and back,
 * so they survive a trip through a job queue. The default ({@code JsonInterchanger} in
 * {@code karafka-json}) keeps binary payloads, keys and headers byte for byte (base64) and
 * carries the callbacks' additions as JSON.
 *
 * <p>Implementations must be thread-safe, and {@code decode(encode(x))} must equal {@code x}.
 * Never use Java serialization here: job payloads must not be able to run code.
 */
public interface Interchanger {
  /**
   * @param params one entry per message (one for a single message, several in batch mode)
   * @return a string any job store can keep
   * @throws InterchangeException when an addition cannot be encoded
   */
  String encode(List<RawParams> params);

  /**
   * @param encoded what {@link #encode} returned
   * @return the params, in the same order
   * @throws InterchangeException when the string is not one this interchanger wrote
   */
  List<RawParams> decode(String encoded);
}
