package io.karafka.queue.jdbc;

import java.util.concurrent.atomic.AtomicInteger;

/** Fresh table prefixes, so that every test starts on empty tables of the shared server. */
final class TestPrefixes {
  private static final AtomicInteger NEXT = new AtomicInteger();

  private TestPrefixes() {}

  static String next() {
    return "t" + ProcessHandle.current().pid() + "_" + NEXT.incrementAndGet() + "_";
  }
}
