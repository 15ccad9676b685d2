/**
 * The root of Karafka for Java: {@link io.karafka.KarafkaException}, the unchecked exception every
 * error of the framework extends (configuration, routing, responder validation, parsing, job
 * store unavailable). Start with {@link io.karafka.app.KarafkaApp}.
 */
package io.karafka;
