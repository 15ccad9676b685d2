package io.karafka.job.internal;

import io.karafka.job.JobBrowser;

/** The page check every {@link JobBrowser#jobs} of Karafka's stores makes first. */
public final class Pages {
  private Pages() {}

  /**
   * @throws IllegalArgumentException when offset is negative or limit out of 1 to
   *     {@link JobBrowser#MAX_PAGE}
   */
  public static void check(int offset, int limit) {
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be >= 0, was " + offset);
    }
    if (limit < 1 || limit > JobBrowser.MAX_PAGE) {
      throw new IllegalArgumentException("limit must be between 1 and " + JobBrowser.MAX_PAGE
          + ", was " + limit);
    }
  }
}
