package io.karafka.routing;

import io.karafka.controller.ControllerException;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How a route gets a new controller (or responder) for each message: the class it makes and the
 * factory that makes it — the route's own ({@code controller(() -> new X(repository))}) or the
 * app's {@code ControllerFactory} ({@code controller(X.class)}).
 *
 * @param type the class of what the factory makes
 * @param factory makes a new instance on every call; thread-safe
 * @param <T> {@code Controller} or {@code Responder<?>}
 */
public record Instances<T>(Class<? extends T> type, Supplier<? extends T> factory) {
  /** Validates presence. */
  public Instances {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(factory, "factory");
  }

  /**
   * @return a new instance
   * @throws ControllerException when the factory returns null or something other than a
   *     {@code type}, or throws
   */
  public T create() {
    T made;
    try {
      made = factory.get();
    } catch (ControllerException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ControllerException("the factory of " + type.getName() + " threw " + e, e);
    }
    if (made == null) {
      throw new ControllerException("the factory of " + type.getName() + " returned null");
    }
    if (made.getClass() != type) {
      throw new ControllerException("the factory of " + type.getName() + " returned a "
          + made.getClass().getName() + ": a route's factory must always make the same class");
    }
    return made;
  }
}
