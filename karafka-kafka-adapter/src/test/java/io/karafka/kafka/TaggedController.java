package io.karafka.kafka;

import io.karafka.controller.Controller;
import io.karafka.controller.ControllerFactory;

/** Logs with the tag of the app instance that created it (given by a DI-style factory). */
public class TaggedController extends Controller {
  private final Handled handled;
  private final String tag;

  /**
   * @param handled where to log
   * @param tag names the app instance
   */
  public TaggedController(Handled handled, String tag) {
    this.handled = handled;
    this.tag = tag;
  }

  @Override
  protected void perform() throws Exception {
    if (params().getLong("slow") != null) {
      Thread.sleep(params().getLong("slow"));
    }
    handled.record(tag, params());
  }

  /** @return a factory that builds tagged controllers logging to handled, like a DI container */
  static ControllerFactory factory(Handled handled, String tag) {
    return new ControllerFactory() {
      @Override
      public <T> T create(Class<T> type) {
        if (type == TaggedController.class) {
          return type.cast(new TaggedController(handled, tag));
        }
        return ControllerFactory.reflective().create(type);
      }
    };
  }
}
