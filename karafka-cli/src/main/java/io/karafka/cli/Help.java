package io.karafka.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;

/** The command line's texts: the commands in one line each, their aliases and details. */
final class Help {
  private Help() {}

  /** One line per command, in the order help lists them; unmodifiable. */
  static final SequencedMap<String, String> COMMANDS = commands();
  static final Map<String, String> ALIASES = Map.of("s", "server", "w", "worker",
      "c", "console");

  private static SequencedMap<String, String> commands() {
    SequencedMap<String, String> commands = new LinkedHashMap<>();
    commands.put("help", "help [COMMAND]       Describe the commands, or one command");
    commands.put("console", "console              Start JShell with the app's class path and"
        + " the booted app as `app` (alias: c)");
    commands.put("flow", "flow                 Print the data flow (incoming => outgoing)");
    commands.put("info", "info                 Print the configuration (secrets masked)");
    commands.put("install", "install NAME         Create a new application skeleton");
    commands.put("routes", "routes               Print all routes in alphabetical order");
    commands.put("server", "server               Consume and handle messages (alias: s)");
    commands.put("worker", "worker               Perform background jobs (alias: w)");
    return Collections.unmodifiableSequencedMap(commands);
  }

  static final Map<String, String> DETAILS = Map.of(
      "help", "Usage: karafka help [COMMAND]\n  Describes every command, or one.",
      "console", "Usage: karafka console\n  Starts JShell with the app's class path; the"
          + " snippet given to KarafkaCli.Builder#console (e.g. \"com.acme.App.build()\") is\n"
          + "  evaluated into `app`.",
      "flow", "Usage: karafka flow\n  For each route: the topics its responder may send to,\n"
          + "  (always|conditionally, exactly once|one or more times); '=> (nothing)' when the\n"
          + "  route has no responder.",
      "install", "Usage: karafka install NAME [--package PKG] [--dir DIR]\n  Writes a new"
          + " application that builds with the BOM (also: bin/karafka install).",
      "info", "Usage: karafka info\n  The configuration: name, environment, modes, Kafka,"
          + " connection pool, jobs; passwords and keys masked.",
      "routes", "Usage: karafka routes\n  Every route, alphabetically, with its group,"
          + " controller, worker, parser,\n  interchanger, responder, inline and batch flags.",
      "server", "Usage: karafka server [--include-groups G1,G2] [--exclude-groups G3]\n"
          + "                      [--daemon [--pid-file karafka.pid] [--log-file karafka.log]]\n"
          + "                      [--health-port N]\n"
          + "  Consumes the app's topics until SIGTERM/SIGINT, then finishes work in flight,\n"
          + "  commits and exits 0. Groups limit which consumer groups this process runs.\n"
          + "  --daemon runs it as a background process (pid and log files); systemd is the\n"
          + "  better choice in production (see docs/deployment.md). --health-port (or the\n"
          + "  health.port setting) serves /health/live, /health/ready and /metrics on port N.",
      "worker", "Usage: karafka worker [--concurrency N] [--queues Q1:3,Q2] [--virtual-threads]\n"
          + "                      [--health-port N]\n"
          + "  Performs background jobs until SIGTERM/SIGINT, then hands unfinished jobs back\n"
          + "  and exits 0. Queues are taken in order, or by weight when given as name:weight.\n"
          + "  --health-port (or the health.port setting) serves /health/live, /health/ready\n"
          + "  and /metrics on port N.");
}
