/**
 * The job queue's web UI on the JDK's HTTP server: {@link io.karafka.web.JobsWeb} (dashboard,
 * consumers, scheduled, retries, dead jobs; run now, delete), behind a login, and
 * {@link io.karafka.web.RecentErrors}, the monitor behind its recent errors.
 */
package io.karafka.web;
