package io.karafka.controller;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;

/**
 * Creates the controllers and responders that routes name by class
 * ({@code controller(X.class)}): a new controller per message (per batch in batch mode), a new
 * responder per response. The default calls the public no-argument constructor. A route can
 * instead take its own factory, {@code controller(() -> new X(repository))}; plug in a DI
 * container here to get beans with their dependencies for every class-named route:
 *
 * <pre>{@code
 * ControllerFactory spring = applicationContext::getBean;   // Spring (prototype-scoped beans)
 * ControllerFactory guice = injector::getInstance;           // Guice
 * }</pre>
 *
 * Must be thread-safe and must return a new instance on every call.
 */
@FunctionalInterface
public interface ControllerFactory {
  /**
   * @param type a controller or responder class
   * @return a new instance
   * @throws ControllerException when it cannot be created
   */
  <T> T create(Class<T> type);

  /** @return the factory that calls the public no-argument constructor */
  static ControllerFactory reflective() {
    return new ControllerFactory() {
      private final java.util.Map<Class<?>, Constructor<?>> constructors =
          new java.util.concurrent.ConcurrentHashMap<>();

      @Override
      public <T> T create(Class<T> type) {
        @SuppressWarnings("unchecked")
        Constructor<T> constructor = (Constructor<T>) constructors.get(type);
        if (constructor == null) {
          constructor = find(type);
          constructors.put(type, constructor);
        }
        try {
          return constructor.newInstance();
        } catch (InvocationTargetException e) {
          throw new ControllerException("constructor of " + type.getName() + " threw "
              + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
          throw new ControllerException("cannot create " + type.getName() + ": " + e, e);
        }
      }

      private <T> Constructor<T> find(Class<T> type) {
        if (Modifier.isAbstract(type.getModifiers())) {
          throw new ControllerException("cannot create " + type.getName() + ": it is abstract");
        }
        try {
          return type.getConstructor();
        } catch (NoSuchMethodException e) {
          throw new ControllerException("cannot create " + type.getName() + ": it needs a public"
              + " no-argument constructor (and must be public, and static if nested); or give its"
              + " route a factory, .controller(() -> new " + type.getSimpleName() + "(...)) or"
              + " .responder(() -> new " + type.getSimpleName() + "(...)); or wire a"
              + " ControllerFactory that can build it (e.g. applicationContext::getBean)", e);
        }
      }

      @Override
      public String toString() {
        return "reflective (public no-argument constructors)";
      }
    };
  }
}
