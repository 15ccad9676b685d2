/**
 * Karafka for Java, command line: {@code KarafkaCli} (help, routes, flow, info, server, worker,
 * console, install) run from an application's own {@code main}, and the installer of new
 * applications ({@code java -jar karafka-cli.jar install NAME}). Depends on core and the JDK.
 */
module io.karafka.cli {
  requires transitive io.karafka.core;
  requires jdk.unsupported; // sun.misc.Signal: a second SIGTERM forces the stop

  exports io.karafka.cli;
}
