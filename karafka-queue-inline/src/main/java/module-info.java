/** Karafka for Java, inline job queue: background jobs performed at once, in the consumer. */
module io.karafka.queue.inline {
  requires transitive io.karafka.core;

  exports io.karafka.queue.inline;
}
