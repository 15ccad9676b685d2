/**
 * Karafka for Java, core: the domain (app, configuration, routing, controllers, params,
 * responders) and the ports adapters implement (message source, producer, parser, interchanger,
 * topic mapper, monitor, job store), plus the server and worker runtimes. Depends on the JDK only
 * (its HTTP server, {@code jdk.httpserver}, serves the health endpoint).
 */
module io.karafka.core {
  requires jdk.httpserver;

  exports io.karafka;
  exports io.karafka.app;
  exports io.karafka.consumer;
  exports io.karafka.controller;
  exports io.karafka.health;
  exports io.karafka.interchange;
  exports io.karafka.job;
  exports io.karafka.message;
  exports io.karafka.monitor;
  exports io.karafka.params;
  exports io.karafka.parse;
  exports io.karafka.producer;
  exports io.karafka.responder;
  exports io.karafka.routing;
  exports io.karafka.server;
  exports io.karafka.topic;
  exports io.karafka.worker;

  // internal packages: only for Karafka's own modules that need them
  exports io.karafka.app.internal to io.karafka.queue.inline, io.karafka.queue.jdbc;
  exports io.karafka.job.internal to io.karafka.queue.redis, io.karafka.queue.jdbc;

  uses io.karafka.parse.Parser;
  uses io.karafka.interchange.Interchanger;
}
