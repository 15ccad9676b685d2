package io.karafka.controller.internal;

import io.karafka.controller.BeforeEnqueue;
import io.karafka.controller.Controller;
import java.util.List;

/**
 * Lets Karafka's runtime reach the hooks of {@link Controller} that users must not call. The
 * controller class installs the single instance when it is initialised (the JDK's "shared
 * secrets" pattern), so the hooks stay out of the public API.
 */
public abstract class ControllerAccess {
  private static volatile ControllerAccess instance;

  /** @param access the controller class's hooks; installed once */
  public static void install(ControllerAccess access) {
    if (instance != null) {
      throw new IllegalStateException("controller hooks are installed already");
    }
    instance = access;
  }

  /** @return the hooks, initialising {@link Controller} when needed */
  public static ControllerAccess get() {
    ControllerAccess access = instance;
    if (access == null) {
      try {
        Class.forName(Controller.class.getName(), true, Controller.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
      access = instance;
    }
    return access;
  }

  public abstract void bind(Controller controller, ControllerContext context);

  public abstract ControllerContext context(Controller controller);

  public abstract List<BeforeEnqueue> callbacks(Controller controller);

  public abstract void perform(Controller controller) throws Exception;

  public abstract void afterFailure(Controller controller, Throwable error);
}
