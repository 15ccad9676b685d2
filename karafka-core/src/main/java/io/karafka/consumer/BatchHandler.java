package io.karafka.consumer;

/**
 * Takes a batch from a {@link MessageSource} and says what may be committed. Karafka's dispatcher
 * implements it. It never throws: failures come back as {@link BatchResult.Failed}. It may be
 * called from several threads at once, for different partitions; calls for one partition must
 * not overlap.
 */
@FunctionalInterface
public interface BatchHandler {
  /** @return the commit offset and failure, if any; returns only when the work is safe */
  BatchResult handle(Batch batch);
}
