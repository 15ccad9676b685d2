/**
 * Karafka for Java, JSON: the default parser and interchanger, on Jackson. On the class path (or
 * module path) they become the defaults of every route with no parser or interchanger of its own.
 */
module io.karafka.json {
  requires transitive io.karafka.core;
  requires transitive com.fasterxml.jackson.databind;

  exports io.karafka.json;

  provides io.karafka.parse.Parser with io.karafka.json.JsonParser;
  provides io.karafka.interchange.Interchanger with io.karafka.json.JsonInterchanger;
}
