/**
 * The consuming process: {@link io.karafka.server.KarafkaServer} wires a message source, a
 * producer and a job queue to the app's routes, and stops gracefully.
 */
package io.karafka.server;
