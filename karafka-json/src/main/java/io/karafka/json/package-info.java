/**
 * The default JSON parser and interchanger, on Jackson: {@link io.karafka.json.JsonParser} and
 * {@link io.karafka.json.JsonInterchanger} (found by the app through {@code ServiceLoader} when
 * this module is on the class path).
 */
package io.karafka.json;
