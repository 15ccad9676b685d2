/**
 * The job queue's web UI on the JDK's HTTP server: {@link io.karafka.web.JobsWeb} (dashboard,
 * scheduled, retries, dead jobs; run now, delete), behind a login.
 */
package io.karafka.web;
