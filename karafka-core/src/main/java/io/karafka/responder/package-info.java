/**
 * Responders: a {@link io.karafka.responder.Responder} registers its topics
 * ({@link io.karafka.responder.TopicOptions}: required, multiple usage) and responds to them; a
 * response that breaks a registration raises
 * {@link io.karafka.responder.ResponderValidationException} and sends nothing.
 */
package io.karafka.responder;
