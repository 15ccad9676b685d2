package io.karafka.web;

import com.sun.net.httpserver.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/** The HTTP Basic login of {@link JobsWeb}: compared in constant time. Thread-safe. */
final class Login {
  /** The expected {@code Authorization} header; empty without a login. */
  private final Optional<String> expected;
  private final String realm;

  /** @param user null for no login */
  Login(String user, String password, String title) {
    this.expected = user == null ? Optional.empty() : Optional.of("Basic " + Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    this.realm = "Basic realm=\"" + title.replaceAll("[\"\\\\\\p{Cntrl}]", "_")
        + " jobs\", charset=\"UTF-8\"";
  }

  /** @return whether the request may go on; if not, the challenge header is set */
  boolean admits(HttpExchange exchange) {
    if (expected.isEmpty()) {
      return true;
    }
    String given = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization"))
        .orElse("");
    if (MessageDigest.isEqual(expected.get().getBytes(StandardCharsets.UTF_8),
        given.getBytes(StandardCharsets.UTF_8))) {
      return true;
    }
    exchange.getResponseHeaders().add("WWW-Authenticate", realm);
    return false;
  }
}
