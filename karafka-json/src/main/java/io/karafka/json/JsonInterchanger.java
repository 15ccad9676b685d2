package io.karafka.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karafka.interchange.InterchangeException;
import io.karafka.interchange.Interchanger;
import io.karafka.message.Header;
import io.karafka.message.Message;
import io.karafka.params.RawParams;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The default interchanger: a JSON document that keeps payloads, keys and header values byte for
 * byte (base64), every coordinate and time, and the callbacks' additions as JSON. Additions must
 * be JSON-writable; they come back as JSON types ({@code Map}, {@code List}, {@code String},
 * numbers, booleans). The payload is parsed again, lazily, in the worker.
 *
 * <pre>{"v":1,"params":[{"topic":"videos","partition":0,"offset":42,"key":"dTE=",
 *   "payload":"eyJpZCI6MX0=","headers":[{"k":"trace","v":"YWJj"}],
 *   "timestamp":"2026-01-01T00:00:00Z","receivedAt":"2026-01-01T00:00:00.010Z",
 *   "additions":{"receivedTime":"..."}}]}</pre>
 *
 * Thread-safe.
 */
public final class JsonInterchanger implements Interchanger {
  private static final int VERSION = 1;

  private final ObjectMapper mapper;

  /** An interchanger on a default mapper. */
  public JsonInterchanger() {
    this(new ObjectMapper());
  }

  /** @param mapper writes the additions (configure modules for your types on it); copied */
  public JsonInterchanger(ObjectMapper mapper) {
    this.mapper = Objects.requireNonNull(mapper, "mapper").copy();
  }

  @Override
  public String encode(List<RawParams> params) {
    ObjectNode root = mapper.createObjectNode();
    root.put("v", VERSION);
    ArrayNode list = root.putArray("params");
    for (RawParams raw : params) {
      Message m = raw.message();
      ObjectNode node = list.addObject();
      node.put("topic", m.topic());
      node.put("partition", m.partition());
      node.put("offset", m.offset());
      node.put("key", base64(m.key()));
      node.put("payload", base64(m.payload()));
      ArrayNode headers = node.putArray("headers");
      for (Header h : m.headers()) {
        headers.addObject().put("k", h.key()).put("v", base64(h.value()));
      }
      node.put("timestamp", m.timestamp().toString());
      node.put("receivedAt", m.receivedAt().toString());
      ObjectNode additions = node.putObject("additions");
      raw.additions().forEach((k, v) -> {
        try {
          additions.set(k, mapper.valueToTree(v));
        } catch (IllegalArgumentException e) {
          throw new InterchangeException("params addition '" + k + "' of " + m + " ("
              + v.getClass().getName() + ") cannot be written as JSON for the job: "
              + e.getMessage(), e);
        }
      });
    }
    try {
      return mapper.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new InterchangeException("cannot write job payload: " + e.getOriginalMessage(), e);
    }
  }

  @Override
  public List<RawParams> decode(String encoded) {
    Objects.requireNonNull(encoded, "encoded");
    try {
      JsonNode root = mapper.readTree(encoded);
      if (root == null || root.path("v").asInt() != VERSION || !root.path("params").isArray()) {
        throw new InterchangeException("not a JsonInterchanger job payload (version "
            + VERSION + "): " + abbreviate(encoded));
      }
      List<RawParams> result = new ArrayList<>();
      for (JsonNode node : root.get("params")) {
        List<Header> headers = new ArrayList<>();
        for (JsonNode h : node.path("headers")) {
          headers.add(new Header(h.required("k").asText(), bytes(h.get("v"))));
        }
        Message message = new Message(node.required("topic").asText(),
            node.required("partition").asInt(), node.required("offset").asLong(),
            bytes(node.get("key")), bytes(node.get("payload")), headers,
            Instant.parse(node.required("timestamp").asText()),
            Instant.parse(node.required("receivedAt").asText()));
        Map<String, Object> additions = new LinkedHashMap<>();
        node.path("additions").properties().forEach(e -> additions.put(e.getKey(),
            mapper.convertValue(e.getValue(), Object.class)));
        result.add(new RawParams(message, additions));
      }
      return result;
    } catch (JsonProcessingException | IllegalArgumentException
             | java.time.format.DateTimeParseException e) {
      throw new InterchangeException("corrupt JsonInterchanger job payload: " + e.getMessage()
          + " in " + abbreviate(encoded), e);
    }
  }

  private static String base64(byte[] bytes) {
    return bytes == null ? null : Base64.getEncoder().encodeToString(bytes);
  }

  private static byte[] bytes(JsonNode node) {
    return node == null || node.isNull() ? null : Base64.getDecoder().decode(node.asText());
  }

  private static String abbreviate(String text) {
    return text.length() <= 120 ? text : text.substring(0, 120) + "...";
  }

  @Override
  public String toString() {
    return "JsonInterchanger";
  }
}
