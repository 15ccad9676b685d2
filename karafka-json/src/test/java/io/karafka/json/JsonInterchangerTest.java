package io.karafka.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.karafka.interchange.InterchangeException;
import io.karafka.message.Header;
import io.karafka.message.Message;
import io.karafka.params.RawParams;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonInterchangerTest {
  private final JsonInterchanger interchanger = new JsonInterchanger();

  private static byte[] allBytes() {
    byte[] bytes = new byte[256];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }
    return bytes;
  }

  private static Message binary(long offset) {
    return new Message("videos", 3, offset, new byte[] {0, (byte) 0xff, 10}, allBytes(),
        List.of(new Header("trace", new byte[] {(byte) 0xc3, 0x28}), new Header("empty", null),
            Header.of("trace", "second")),
        Instant.parse("2026-01-01T00:00:00.123456789Z"), Instant.parse("2026-01-01T00:00:01Z"));
  }

  @Test
  void binaryPayloadsKeysAndHeadersSurviveByteForByte() {
    Message message = binary(42);
    RawParams decoded = interchanger.decode(interchanger.encode(List.of(RawParams.of(message))))
        .getFirst();
    assertEquals(message, decoded.message());
    assertArrayEquals(allBytes(), decoded.message().payload());
    assertNull(decoded.message().headers().get(1).value());
    assertEquals(Instant.parse("2026-01-01T00:00:00.123456789Z"), decoded.message().timestamp());
  }

  @Test
  void tombstonesAndKeylessMessagesSurvive() {
    Message tombstone = new Message("t", 0, 1, null, null, List.of(), Instant.EPOCH,
        Instant.EPOCH);
    RawParams decoded = interchanger.decode(interchanger.encode(List.of(RawParams.of(tombstone))))
        .getFirst();
    assertEquals(tombstone, decoded.message());
  }

  @Test
  void additionsComeBackAsJsonValuesAndBatchesKeepTheirOrder() {
    Map<String, Object> additions = new LinkedHashMap<>();
    additions.put("receivedTime", "2026-01-01T00:00:00Z");
    additions.put("count", 3);
    additions.put("nested", Map.of("ok", true));
    additions.put("nothing", null);
    List<RawParams> batch = List.of(new RawParams(binary(1), additions), RawParams.of(binary(2)));
    List<RawParams> decoded = interchanger.decode(interchanger.encode(batch));
    assertEquals(2, decoded.size());
    assertEquals(additions, decoded.get(0).additions());
    assertEquals(2, decoded.get(1).message().offset());
  }

  @Test
  void thePayloadIsReadableJson() {
    String encoded = interchanger.encode(List.of(RawParams.of(binary(7))));
    assertTrue(encoded.startsWith("{\"v\":1,\"params\":[{\"topic\":\"videos\",\"partition\":3,"
        + "\"offset\":7,\"key\":\"AP8K\","), encoded);
  }

  @Test
  void anAdditionJacksonCannotWriteNamesItsKey() {
    RawParams raw = new RawParams(binary(1), Map.of("thread", new Object()));
    InterchangeException e = assertThrows(InterchangeException.class,
        () -> interchanger.encode(List.of(raw)));
    assertTrue(e.getMessage().startsWith("params addition 'thread' of videos/3@1"
        + " (java.lang.Object) cannot be written as JSON for the job: "), e.getMessage());
  }

  @Test
  void foreignOrCorruptPayloadsAreRejectedClearly() {
    InterchangeException foreign = assertThrows(InterchangeException.class,
        () -> interchanger.decode("{\"class\":\"Other\"}"));
    assertEquals("not a JsonInterchanger job payload (version 1): {\"class\":\"Other\"}",
        foreign.getMessage());
    InterchangeException corrupt = assertThrows(InterchangeException.class,
        () -> interchanger.decode("{\"v\":1,\"params\":[{\"topic\":\"t\"}]}"));
    assertTrue(corrupt.getMessage().startsWith("corrupt JsonInterchanger job payload: "),
        corrupt.getMessage());
    assertThrows(InterchangeException.class, () -> interchanger.decode("not json"));
  }
}
