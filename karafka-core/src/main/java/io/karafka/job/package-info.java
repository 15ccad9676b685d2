/**
 * Background jobs: the {@link io.karafka.job.Job} model, its id rule ({@link io.karafka.job.JobId}),
 * the job type's settings ({@link io.karafka.job.Worker}), {@link io.karafka.job.RetryPolicy}, and
 * the ports a store implements: {@link io.karafka.job.JobQueue} (where the consumer hands jobs,
 * with {@link io.karafka.job.ConsumedJobs} for its per-partition dedup),
 * {@link io.karafka.job.JobStore} (fetch with a lease, complete, retry, kill, release) and the
 * optional {@link io.karafka.job.JobBrowser} for the web UI.
 */
package io.karafka.job;
