/** Karafka for Java, web UI: the job queue's dashboard on the JDK's HTTP server. */
module io.karafka.web {
  requires transitive io.karafka.core;
  requires jdk.httpserver;

  exports io.karafka.web;
}
