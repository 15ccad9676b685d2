package io.karafka.testkit;

import java.io.IOException;
import java.net.InetAddress;

/** This machine's host name, as the real stores name their processes. */
final class Hostname {
  private Hostname() {}

  static String get() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }
}
