package io.karafka.worker;

/**
 * A {@link KarafkaWorker}'s threads at one moment, for health checks.
 *
 * @param running started and not stopped
 * @param concurrency threads it runs
 * @param alive threads still alive
 * @param busy threads performing a job now
 * @param stuck threads whose job ran past its timeout and has not come back from the interrupt
 */
public record WorkerStatus(boolean running, int concurrency, int alive, int busy, int stuck) {
  /** @return running, with a thread alive that is not stuck */
  public boolean healthy() {
    return running && alive > 0 && stuck < alive;
  }
}
