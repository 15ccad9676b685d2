/**
 * Controllers, the seed's programming model: a {@link io.karafka.controller.Controller} subclass
 * with {@code perform()}, {@code params()}, {@code beforeEnqueue} callbacks that may abort,
 * {@code afterFailure} and {@code respondWith}, given what it needs through its constructor by
 * its route's factory ({@code controller(() -> new OrdersController(repository))}). Routes that
 * name a class get it from the app's {@link io.karafka.controller.ControllerFactory} (plug in a
 * DI container there). A runtime binds a new controller to its message with
 * {@link io.karafka.controller.ControllerCall} and runs it; there is no static hook.
 */
package io.karafka.controller;
