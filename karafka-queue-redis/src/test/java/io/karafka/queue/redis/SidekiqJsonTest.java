package io.karafka.queue.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SidekiqJsonTest {
  @Test
  void roundTripsObjectsArraysAndScalarsInOrder() {
    Object value = SidekiqJson.parse(" {\"a\":[1,2.5,-3e2,true,false,null,\"\\t\\u0041\"],"
        + "\n\t\"b\":{}, \"a2\" : [] } ");
    assertEquals(Arrays.asList(new BigDecimal("1"), new BigDecimal("2.5"), new BigDecimal("-3e2"),
        true, false, null, "\tA"), ((Map<?, ?>) value).get("a"));
    assertEquals("{\"a\":[1,2.5,-3E+2,true,false,null,\"\\tA\"],\"b\":{},\"a2\":[]}",
        SidekiqJson.write(value));
  }

  @Test
  void numbersReadAsBigDecimalWithEveryDigit() {
    Map<?, ?> hash = (Map<?, ?>) SidekiqJson.parse("{\"enqueued_at\":1767323045.6780002,"
        + "\"retry\":25,\"big\":123456789012345678901234567890,\"tiny\":1e-400}");
    assertEquals(new BigDecimal("1767323045.6780002"), hash.get("enqueued_at"));
    assertEquals(new BigDecimal("25"), hash.get("retry"));
    assertEquals(new BigDecimal("123456789012345678901234567890"), hash.get("big"));
    assertEquals(new BigDecimal("1e-400"), hash.get("tiny"));
    assertEquals("{\"enqueued_at\":1767323045.6780002,\"retry\":25,"
        + "\"big\":123456789012345678901234567890,\"tiny\":1E-400}", SidekiqJson.write(hash));
  }

  @Test
  void writesTextAsRubysJsonDoesAndKeepsKeyOrder() {
    Map<String, Object> hash = new LinkedHashMap<>();
    hash.put("z", "quote \" backslash \\ slash / \b\f\n\r\t \u0001\u001f\u007f é € \uD83D\uDE00");
    hash.put("a", "line\u2028paragraph\u2029");
    hash.put("k\n", List.of(1, 2L, 1767323045.678, 0.1f, new BigDecimal("1.50")));
    String json = "{\"z\":\"quote \\\" backslash \\\\ slash / \\b\\f\\n\\r\\t \\u0001\\u001f\u007f"
        + " é € \uD83D\uDE00\",\"a\":\"line\\u2028paragraph\\u2029\","
        + "\"k\\n\":[1,2,1767323045.678,0.1,1.50]}";
    assertEquals(json, SidekiqJson.write(hash));
    StringBuilder out = new StringBuilder("x=");
    SidekiqJson.string((String) hash.get("z"), out);
    assertEquals("x=" + SidekiqJson.write(hash.get("z")), out.toString());
  }

  @Test
  void badInputFailsNamingWhereAndWhat() {
    Map<String, String> bad = new LinkedHashMap<>();
    bad.put("", "invalid JSON at character 0: no value");
    bad.put("{} {}", "invalid JSON at character 3: trailing characters");
    bad.put("{\"a\":\"\\q\"}",
        "invalid JSON at character 7: Unrecognized character escape 'q' (code 113)");
    bad.put("\"\\u12g4\"", "invalid JSON at character 5: Unexpected character ('g' (code 103)):"
        + " expected a hex-digit for character escape sequence");
    bad.put("[1,", "invalid JSON at character 3: Unexpected end-of-input within/between Array"
        + " entries");
    bad.put("{\"a\" 1}", "invalid JSON at character 5: Unexpected character ('1' (code 49)): was"
        + " expecting a colon to separate field name and value");
    bad.put("[01]", "invalid JSON at character 2: Invalid numeric value: Leading zeroes not"
        + " allowed");
    bad.put("\"a\u0001\"", "invalid JSON at character 2: Illegal unquoted character ((CTRL-CHAR,"
        + " code 1)): has to be escaped using backslash to be included in string value");
    bad.forEach((json, message) -> assertEquals(message,
        assertThrows(IllegalArgumentException.class, () -> SidekiqJson.parse(json)).getMessage(),
        json));
  }

  @Test
  void everyTruncationOfAJobHashFails() {
    String job = "{\"class\":\"W\",\"args\":[\"t\",\"{\\\"v\\\":\\\"\\u00e9\\\"}\"],\"jid\":\"j\","
        + "\"retry\":true,\"created_at\":1700000000.5,\"x\":null,\"y\":false}";
    for (int end = 0; end < job.length(); end++) {
      String cut = job.substring(0, end);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> SidekiqJson.parse(cut), cut);
      assertTrue(e.getMessage().startsWith("invalid JSON at character "), e.getMessage());
    }
    assertEquals(7, ((Map<?, ?>) SidekiqJson.parse(job)).size());
  }

  @Test
  void nestingStopsAtRubysLimitWithoutOverflowingTheStack() {
    assertEquals(1, ((List<?>) SidekiqJson.parse("[".repeat(100) + "]".repeat(100))).size());
    for (int depth : new int[] {101, 1_000_000}) {
      String deep = "[".repeat(depth) + "]".repeat(depth);
      assertEquals("invalid JSON at character 101: Document nesting depth (101) exceeds the"
              + " maximum allowed (100, from `StreamReadConstraints.getMaxNestingDepth()`)",
          assertThrows(IllegalArgumentException.class, () -> SidekiqJson.parse(deep))
              .getMessage());
    }
    String objects = "{\"a\":".repeat(101) + "1" + "}".repeat(101);
    assertThrows(IllegalArgumentException.class, () -> SidekiqJson.parse(objects));
  }

  @Test
  void aHugeNumberIsRefusedBeforeItIsParsed() {
    String hundred = "9".repeat(100);
    assertEquals(new BigDecimal(hundred), SidekiqJson.parse(hundred));
    String huge = "[1," + "9".repeat(10_000) + "]";
    assertEquals("invalid JSON at character 10003: Number value length (10000) exceeds the maximum"
            + " allowed (100, from `StreamReadConstraints.getMaxNumberLength()`)",
        assertThrows(IllegalArgumentException.class, () -> SidekiqJson.parse(huge)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> SidekiqJson.parse("0." + "1".repeat(200)));
  }

  /** Jackson's own default (20 M characters) would make a job with a big payload unreadable. */
  @Test
  void aStringAsLongAsRedisHoldsIsRead() {
    String payload = "x".repeat(21_000_000);
    assertEquals(List.of(payload), SidekiqJson.parse("[\"" + payload + "\"]"));
  }

  /** RFC 8259 allows an unpaired escape; it reads and writes back as it was, as before. */
  @Test
  void aLoneSurrogateIsKeptAsItIs() {
    assertEquals(List.of("a\uD800b", "\uDC00"), SidekiqJson.parse("[\"a\\ud800b\",\"\\udc00\"]"));
    assertEquals("\"a\uD800b\"", SidekiqJson.write("a\uD800b"));
  }

  @Test
  void whatJsonCannotHoldIsNotWritten() {
    assertEquals("cannot write class java.lang.Object as JSON",
        assertThrows(IllegalArgumentException.class, () -> SidekiqJson.write(new Object()))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> SidekiqJson.write(Double.NaN));
    Map<String, Object> cycle = new HashMap<>();
    cycle.put("self", cycle);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> SidekiqJson.write(cycle))
        .getMessage().startsWith("cannot write as JSON: Document nesting depth (1001)"));
    assertEquals("[null,{\"1\":[]}]",
        SidekiqJson.write(Arrays.asList(null, Map.of(1, new ArrayList<>()))));
  }
}
