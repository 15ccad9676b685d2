package io.karafka.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HeaderTest {
  @Test
  void ofEncodesTextAsUtf8() {
    Header header = Header.of("trace", "héllo");

    assertEquals("trace", header.key());
    assertArrayEquals("héllo".getBytes(StandardCharsets.UTF_8), header.value());
    assertEquals("héllo", header.stringValue());
  }

  @Test
  void valueMayBeNull() {
    Header header = Header.of("flag", null);

    assertNull(header.value());
    assertNull(header.stringValue());
    assertEquals("flag=null", header.toString());
    assertEquals(new Header("flag", null), header);
  }

  @Test
  void keyIsRequired() {
    assertEquals("key",
        assertThrows(NullPointerException.class, () -> new Header(null, new byte[0])).getMessage());
  }

  @Test
  void equalityComparesArrayContents() {
    Header a = new Header("k", new byte[] {1, 2, 3});
    Header b = new Header("k", new byte[] {1, 2, 3});

    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, new Header("k", new byte[] {1, 2}));
    assertNotEquals(a, new Header("other", new byte[] {1, 2, 3}));
    assertNotEquals(a, new Header("k", null));
  }

  @Test
  void toStringShowsTheSizeNotTheValue() {
    assertEquals("secret=6 bytes", Header.of("secret", "s3cr3t").toString());
  }
}
