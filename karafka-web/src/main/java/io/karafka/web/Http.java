package io.karafka.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Reading requests and sending replies on the JDK's HTTP server, for {@link JobsWeb}. */
final class Http {
  private Http() {}

  static Map<String, String> query(HttpExchange exchange) {
    return decode(Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse(""));
  }

  /** @return the form's fields (the first 4 KiB of the body: a token and nothing else) */
  static Map<String, String> form(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(4096);
      return decode(new String(body, StandardCharsets.UTF_8));
    }
  }

  private static Map<String, String> decode(String encoded) {
    Map<String, String> values = new HashMap<>();
    for (String pair : encoded.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return values;
  }

  /** @throws IllegalArgumentException (a 400) when the text is no number */
  static int number(String text, int fallback) {
    if (text == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("page must be a number, not '" + text + "'");
    }
  }

  static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
