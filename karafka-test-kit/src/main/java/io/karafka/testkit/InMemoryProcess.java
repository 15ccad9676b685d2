package io.karafka.testkit;

import io.karafka.job.ProcessInfo;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The process of an {@link InMemoryJobStore} as its process list shows it: listed once it
 * fetched, named as the real stores name theirs ({@code host:pid:random}). Not thread-safe: the
 * store calls it under its lock.
 */
final class InMemoryProcess {
  private final String host = hostname();
  private final String identity = host + ":" + ProcessHandle.current().pid() + ":"
      + UUID.randomUUID().toString().substring(0, 8);
  private Instant fetchingSince;

  /** The process fetches (from now on, it is a worker). */
  void fetching(Instant now) {
    if (fetchingSince == null) {
      fetchingSince = now;
    }
  }

  /**
   * @return this process once it fetched, with its busy jobs; its heartbeat is now (it is alive
   *     while it answers); the store is not told the worker's concurrency: 0
   */
  List<ProcessInfo> list(int busy, Instant now) {
    return fetchingSince == null ? List.of() : List.of(new ProcessInfo(identity, host,
        ProcessHandle.current().pid(), ProcessInfo.Kind.WORKER, 0, busy,
        ProcessInfo.KARAFKA_VERSION, fetchingSince, now));
  }

  private static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }
}
