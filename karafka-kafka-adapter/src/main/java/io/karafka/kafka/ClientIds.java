package io.karafka.kafka;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The {@code client.id} of Karafka's consumers, {@code <app>-<group>@<host>:<pid>} (e.g.
 * {@code shop-shop_orders@web-1:4242}), so that the cluster's view of a group
 * ({@code kafka-consumer-groups.sh --describe --members}, the web UI) names the host and process
 * that hold each partition. A stable format: {@link #hostAndPid} reads it back; a
 * {@code client.id} set with {@code kafka.property} wins and is shown as it is.
 */
final class ClientIds {
  private static final String HOST = hostname();

  private ClientIds() {}

  /**
   * @param app the app's name
   * @param group the consumer group
   * @return the client id of the group's consumer in this process
   */
  static String consumer(String app, String group) {
    return app + "-" + group + "@" + HOST + ":" + ProcessHandle.current().pid();
  }

  /** A host and pid a client id names. */
  record HostAndPid(String host, OptionalLong pid) {}

  /** @return the host and pid after the last {@code @} of a client id in the format above */
  static Optional<HostAndPid> hostAndPid(String clientId) {
    int at = clientId.lastIndexOf('@');
    int colon = clientId.lastIndexOf(':');
    if (at < 0 || colon < at + 2 || colon == clientId.length() - 1) {
      return Optional.empty();
    }
    String pid = clientId.substring(colon + 1);
    if (!pid.chars().allMatch(Character::isDigit) || pid.length() > 18) {
      return Optional.empty();
    }
    return Optional.of(new HostAndPid(clientId.substring(at + 1, colon),
        OptionalLong.of(Long.parseLong(pid))));
  }

  private static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }
}
