package io.karafka.queue.jdbc;

import java.util.UUID;

/** Fresh table prefixes, so that every test starts on empty tables of the shared server. */
final class TestPrefixes {
  private TestPrefixes() {}

  /** @return "t", 16 random hex digits and "_": unique without a counter to share */
  static String next() {
    return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 16) + "_";
  }
}
