package io.karafka.kafka;

import io.karafka.controller.Controller;
import io.karafka.controller.ControllerFactory;

/** Logs with the tag of the app instance that created it (given by a DI-style factory). */
public class TaggedController extends Controller {
  private final String tag;

  /** @param tag names the app instance */
  public TaggedController(String tag) {
    this.tag = tag;
  }

  @Override
  protected void perform() throws Exception {
    if (params().getLong("slow") != null) {
      Thread.sleep(params().getLong("slow"));
    }
    Handled.record(tag, params());
  }

  /** @return a factory that builds tagged controllers, like a DI container would */
  static ControllerFactory factory(String tag) {
    return new ControllerFactory() {
      @Override
      public <T> T create(Class<T> type) {
        if (type == TaggedController.class) {
          return type.cast(new TaggedController(tag));
        }
        return ControllerFactory.reflective().create(type);
      }
    };
  }
}
