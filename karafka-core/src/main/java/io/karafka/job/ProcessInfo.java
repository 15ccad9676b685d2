package io.karafka.job;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * A live process of a job store, as its heartbeat tells it: what {@link JobBrowser#processes()}
 * lists and the web UI shows (Sidekiq's "Busy" page).
 *
 * @param identity the store's name for the process, e.g. {@code web-1:4242:1f0c9a2e}
 * @param host the host it runs on
 * @param pid its process id (0 when its heartbeat does not say)
 * @param kind what it does
 * @param concurrency how many jobs it runs at once ({@code jobs.concurrency}); 0 when the store
 *     was not told
 * @param busy how many jobs it runs now
 * @param version the Karafka version it runs (for a Sidekiq process on the same Redis, Sidekiq's)
 * @param startedAt when it began to beat
 * @param lastHeartbeat its latest heartbeat
 */
public record ProcessInfo(String identity, String host, long pid, Kind kind, int concurrency,
                          int busy, String version, Instant startedAt, Instant lastHeartbeat) {
  /** The version of Karafka for Java on the class path, e.g. {@code 0.1.0}; "unknown" if not. */
  public static final String KARAFKA_VERSION = readVersion();

  /** What a process does. */
  public enum Kind {
    /** Runs background jobs ({@code karafka worker}). */
    WORKER,
    /** Consumes Kafka ({@code karafka server}). */
    SERVER
  }

  /** Checks. */
  public ProcessInfo {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(lastHeartbeat, "lastHeartbeat");
    if (concurrency < 0 || busy < 0) {
      throw new IllegalArgumentException("concurrency and busy must not be negative, were "
          + concurrency + " and " + busy);
    }
  }

  private static String readVersion() {
    try (InputStream in = ProcessInfo.class.getResourceAsStream("karafka-version.txt")) {
      String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .strip();
      return text.isEmpty() || text.startsWith("$") ? "unknown" : text;
    } catch (IOException e) {
      return "unknown";
    }
  }
}
