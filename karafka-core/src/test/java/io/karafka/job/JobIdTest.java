package io.karafka.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JobIdTest {
  @Test
  void isDeterministic() {
    assertEquals(JobId.of("group", "users", 3, 1234), JobId.of("group", "users", 3, 1234));
  }

  @Test
  void isStableAcrossReleases() {
    // First 12 bytes of SHA-256("g/t/0/5") and of SHA-256("g/t/0/5-9"); job stores keep ids, so
    // a change here would run re-consumed messages twice after an upgrade.
    assertEquals("d6b46c7d83938a44b103baf7", JobId.of("g", "t", 0, 5));
    assertEquals("5604a0154197c23a7057d202", JobId.ofBatch("g", "t", 0, 5, 9));
  }

  @Test
  void is24LowercaseHexCharacters() {
    for (String id : List.of(JobId.of("G", "T", 0, 0), JobId.of("app_users", "users", 11,
        Long.MAX_VALUE), JobId.ofBatch("g", "t", 1, 2, 3))) {
      assertTrue(id.matches("[0-9a-f]{24}"), id);
    }
  }

  @Test
  void differentCoordinatesGiveDifferentIds() {
    Set<String> ids = new HashSet<>(List.of(
        JobId.of("g", "t", 0, 5),
        JobId.of("g2", "t", 0, 5),
        JobId.of("g", "t2", 0, 5),
        JobId.of("g", "t", 1, 5),
        JobId.of("g", "t", 0, 6),
        JobId.ofBatch("g", "t", 0, 5, 6),
        JobId.ofBatch("g", "t", 0, 4, 5)));

    assertEquals(7, ids.size());
  }

  @Test
  void batchOfOneIsTheSingleMessageId() {
    assertEquals(JobId.of("g", "t", 2, 77), JobId.ofBatch("g", "t", 2, 77, 77));
  }

  @Test
  void batchIdDependsOnBothEnds() {
    String batch = JobId.ofBatch("g", "t", 0, 10, 20);

    assertEquals(batch, JobId.ofBatch("g", "t", 0, 10, 20));
    assertNotEquals(batch, JobId.of("g", "t", 0, 10));
    assertNotEquals(batch, JobId.of("g", "t", 0, 20));
    assertNotEquals(batch, JobId.ofBatch("g", "t", 0, 10, 21));
  }

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00.123Z");
  private static final Instant T1 = T0.plusMillis(1);

  @Test
  void aMessageConsumedAgainKeepsItsId() {
    assertEquals(JobId.of("g", "users", 3, 1234, "topic-a", T0),
        JobId.of("g", "users", 3, 1234, "topic-a", Instant.ofEpochMilli(T0.toEpochMilli())));
    assertEquals(JobId.ofBatch("g", "t", 0, 5, 9, "topic-a", T0, T1),
        JobId.ofBatch("g", "t", 0, 5, 9, "topic-a", T0, T1));
  }

  @Test
  void theIncarnationIsPartOfTheId() {
    // First 12 bytes of SHA-256("g/t/0/5/topic-a@1767225600123") and of
    // SHA-256("g/t/0/5-9/topic-a@1767225600123-1767225600124"): stores keep ids, so a change here
    // would run re-consumed messages twice after an upgrade.
    assertEquals("1a49ca7ee4a49a44f34fd22c", JobId.of("g", "t", 0, 5, "topic-a", T0));
    assertEquals("902bb991edbe55574fbce715", JobId.ofBatch("g", "t", 0, 5, 9, "topic-a", T0, T1));
    assertEquals("8b3e157fed67888515dc3d40", JobId.of("g", "t", 0, 5, "", T0),
        "an unknown topic id is empty");
  }

  @Test
  void aNewMessageAtAReusedOffsetGetsAnotherId() {
    Set<String> ids = new HashSet<>(List.of(
        JobId.of("g", "t", 0, 0, "topic-a", T0),
        JobId.of("g", "t", 0, 0, "topic-b", T0),
        JobId.of("g", "t", 0, 0, "topic-a", T1),
        JobId.of("g", "t", 0, 0, "", T0),
        JobId.of("g", "t", 0, 0),
        JobId.ofBatch("g", "t", 0, 0, 1, "topic-a", T0, T0),
        JobId.ofBatch("g", "t", 0, 0, 1, "topic-a", T0, T1),
        JobId.ofBatch("g", "t", 0, 0, 1, "topic-b", T0, T1)));

    assertEquals(8, ids.size());
  }

  @Test
  void aBatchOfOneWithTheIncarnationIsTheSingleMessageId() {
    assertEquals(JobId.of("g", "t", 2, 77, "topic-a", T0),
        JobId.ofBatch("g", "t", 2, 77, 77, "topic-a", T0, T0));
    assertTrue(JobId.of("G", "T", 0, Long.MAX_VALUE, "Yx2_uHZ1Qd6d3OPzTk0cTw", Instant.EPOCH)
        .matches("[0-9a-f]{24}"));
  }
}
