/** Karafka for Java, examples: the README's application, compiled and tested by the build. */
module io.karafka.examples {
  requires io.karafka.core;
  requires io.karafka.json;
  requires io.karafka.queue.inline;
  requires io.karafka.testkit;

  exports io.karafka.examples.users;
  exports io.karafka.examples.wiring;
}
