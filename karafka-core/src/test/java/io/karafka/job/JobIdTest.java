package io.karafka.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
