/**
 * Internal: helpers Karafka's own job stores share (the page check of the web UI's listings).
 * Exported only to the Redis and JDBC adapters.
 */
package io.karafka.job.internal;
