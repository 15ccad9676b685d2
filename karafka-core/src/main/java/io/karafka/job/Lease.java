package io.karafka.job;

import java.time.Instant;
import java.util.Objects;

/**
 * A job taken from a {@link JobStore} by one worker. Until the lease is completed, retried, killed
 * or released, no other worker gets the job; when a worker dies holding it, the store gives it out
 * again after {@code expiresAt} (or after recovering that worker's list).
 *
 * @param job the job
 * @param token the store's handle for this lease
 * @param expiresAt when the store may give the job to someone else
 */
public record Lease(Job job, String token, Instant expiresAt) {
  /** Validates. */
  public Lease {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
