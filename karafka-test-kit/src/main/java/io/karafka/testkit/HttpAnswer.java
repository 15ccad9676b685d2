package io.karafka.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The answer to a plain {@code GET}, for tests of HTTP endpoints (health, metrics): status,
 * media type and body, error statuses included.
 *
 * @param status the HTTP status
 * @param contentType the {@code Content-Type} header, or null
 * @param body the body as UTF-8 text ({@code ""} when there is none)
 */
public record HttpAnswer(int status, String contentType, String body) {
  /**
   * @param url e.g. {@code http://127.0.0.1:8081/health/ready}
   * @return the answer
   * @throws IOException when nothing answers (e.g. {@code java.net.ConnectException})
   */
  public static HttpAnswer get(String url) throws IOException {
    HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
    c.setConnectTimeout(10_000);
    c.setReadTimeout(10_000);
    try {
      int status = c.getResponseCode();
      try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
        return new HttpAnswer(status, c.getContentType(), in == null ? ""
            : new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } finally {
      c.disconnect();
    }
  }

  /** @return the status of a {@code GET}, or -1 while nothing answers (for waits) */
  public static int status(String url) {
    try {
      return get(url).status();
    } catch (IOException notYet) {
      return -1;
    }
  }
}
