package io.karafka.controller;

/**
 * A {@code beforeEnqueue} callback: runs right after a message is received, before its
 * {@code perform} is enqueued (or run inline). Return {@code false} to abort: the message is then
 * neither enqueued nor performed, and counts as handled. Keep it light: it runs on the thread
 * that handles the partition, holding back the partition's next messages (in per-key mode, on
 * its key's lane, holding back only that key's).
 *
 * <pre>{@code
 * beforeEnqueue(() -> params().getLong("counter") > 0); // a lambda
 * beforeEnqueue(this::validateParams);                   // a method: boolean validateParams()
 * }</pre>
 */
@FunctionalInterface
public interface BeforeEnqueue {
  /**
   * @return true to go on, false to abort
   * @throws Exception to fail the message (it is not committed)
   */
  boolean proceed() throws Exception;
}
