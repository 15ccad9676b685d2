package io.karafka.consumer;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A member of a consumer group: one consumer of one process.
 *
 * @param memberId the id the group coordinator gave it
 * @param clientId its {@code client.id}; Karafka's consumers name their app, group, host and
 *     process id in it ({@code <app>-<group>@<host>:<pid>})
 * @param host the host it runs on: the one its client id names, else the address the broker
 *     sees it connect from
 * @param pid its process id, when its client id names one
 */
public record GroupMember(String memberId, String clientId, String host, OptionalLong pid) {
  /** Checks. */
  public GroupMember {
    Objects.requireNonNull(memberId, "memberId");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(pid, "pid");
  }
}
