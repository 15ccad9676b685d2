package io.karafka.spring.boot.internal;

import io.karafka.controller.ControllerException;
import io.karafka.controller.ControllerFactory;
import java.util.Arrays;
import java.util.Objects;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * Creates controllers and responders from the application context: a new prototype bean for
 * every call, or, for a class that is no bean, a new instance with its constructor's
 * dependencies injected. A singleton bean is refused with a message naming it: Karafka binds a
 * controller to one message, so sharing one instance would mix messages up. Thread-safe.
 */
public final class SpringControllerFactory implements ControllerFactory {
  private final ConfigurableListableBeanFactory beans;

  /** @param beans the application context's bean factory */
  public SpringControllerFactory(ConfigurableListableBeanFactory beans) {
    this.beans = Objects.requireNonNull(beans, "beans");
  }

  @Override
  public <T> T create(Class<T> type) {
    String[] names = beans.getBeanNamesForType(type, true, false);
    try {
      if (names.length == 0) {
        return beans.createBean(type);
      }
      if (names.length > 1) {
        throw new ControllerException(type.getName() + " has " + names.length + " beans "
            + Arrays.toString(names) + ": Karafka cannot tell which one a route means. Keep one"
            + " bean of that class, or give the route its own factory: .controller(() ->"
            + " context.getBean(\"" + names[0] + "\", " + type.getSimpleName() + ".class))");
      }
      if (!beans.isPrototype(names[0])) {
        throw new ControllerException("bean '" + names[0] + "' (" + type.getName() + ") is "
            + scope(names[0]) + ", but Karafka needs a new instance for every message (a"
            + " responder: for every response). Annotate it with @Scope(\"prototype\"), or"
            + " remove the bean: the starter then creates " + type.getSimpleName()
            + " itself, with its constructor's dependencies injected");
      }
      return beans.getBean(names[0], type);
    } catch (BeansException e) {
      throw new ControllerException("cannot create " + type.getName() + " from the Spring"
          + " context: " + e.getMessage(), e);
    }
  }

  private String scope(String name) {
    if (!beans.containsBeanDefinition(name)) {
      return "a singleton";
    }
    String scope = beans.getBeanDefinition(name).getScope();
    return scope == null || scope.isEmpty() ? "a singleton" : "of scope '" + scope + "'";
  }

  @Override
  public String toString() {
    return "Spring application context (prototype beans)";
  }
}
