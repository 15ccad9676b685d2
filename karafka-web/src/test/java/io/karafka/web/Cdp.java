package io.karafka.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.karafka.testkit.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One page's Chrome DevTools Protocol session over java.net.http's WebSocket: commands with an
 * id, answered by id; events are ignored. Enough to navigate, read the page and click.
 */
final class Cdp implements AutoCloseable {
  private static final Duration ANSWER = Duration.ofSeconds(30);
  private final ObjectMapper json = new ObjectMapper();
  private final Map<Integer, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  private WebSocket socket;

  private Cdp() {}

  static Cdp connect(HttpClient http, URI url) {
    Cdp cdp = new Cdp();
    cdp.socket = http.newWebSocketBuilder().buildAsync(url, cdp.new Listener()).join();
    return cdp;
  }

  /**
   * @return the command's result
   * @throws AssertionError when the browser answers with an error, or not in 30 s
   */
  JsonNode call(String method, Map<String, Object> params) {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    waiting.put(id, answer);
    try {
      socket.sendText(json.writeValueAsString(Map.of("id", id, "method", method, "params",
          params)), true).join();
      JsonNode reply = answer.get(ANSWER.toSeconds(), TimeUnit.SECONDS);
      if (reply.has("error")) {
        throw new AssertionError(method + " failed: " + reply.get("error"));
      }
      return reply.path("result");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError(method + " got no answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(method + " interrupted", e);
    } finally {
      waiting.remove(id);
    }
  }

  /** @return the script's value as text ("" for null or undefined) */
  String evaluate(String script) {
    JsonNode result = call("Runtime.evaluate", Map.of("expression", script, "returnByValue",
        true));
    if (result.has("exceptionDetails")) {
      throw new AssertionError(script + " threw: " + result.get("exceptionDetails"));
    }
    return result.path("result").path("value").asText("");
  }

  /** Opens the URL and waits until its document is loaded. */
  void open(String url) throws InterruptedException {
    evaluate("window.karafkaOldPage = true");
    call("Page.navigate", Map.of("url", url));
    Await.within(ANSWER, "the page " + url + " loaded", () -> {
      try {
        return evaluate("!window.karafkaOldPage && document.readyState === 'complete'")
            .equals("true");
      } catch (AssertionError navigating) {
        return false; // the old document's context went away meanwhile
      }
    });
  }

  @Override
  public void close() {
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
  }

  /** Gathers each text message and completes the command it answers. */
  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        try {
          JsonNode message = json.readTree(text.toString());
          CompletableFuture<JsonNode> answer = message.has("id")
              ? waiting.get(message.get("id").asInt()) : null;
          if (answer != null) {
            answer.complete(message);
          }
        } catch (IOException e) {
          // not JSON: not an answer of ours
        }
        text.setLength(0);
      }
      webSocket.request(1);
      return null;
    }
  }
}
