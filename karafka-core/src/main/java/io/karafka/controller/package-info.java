/**
 * Controllers, the seed's programming model: a {@link io.karafka.controller.Controller} subclass
 * with {@code perform()}, {@code params()}, {@code beforeEnqueue} callbacks that may abort,
 * {@code afterFailure} and {@code respondWith}; {@link io.karafka.controller.ControllerFactory}
 * creates controllers and responders (plug in a DI container).
 */
package io.karafka.controller;
