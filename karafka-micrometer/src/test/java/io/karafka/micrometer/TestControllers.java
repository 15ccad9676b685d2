package io.karafka.micrometer;

import io.karafka.controller.Controller;
import java.util.concurrent.CountDownLatch;

/** Controllers of the tests' apps. */
final class TestControllers {
  private TestControllers() {}

  /** Does nothing. */
  public static final class Noop extends Controller {
    @Override
    protected void perform() {
    }
  }

  /** Waits until released. */
  static final class Blocking extends Controller {
    private final CountDownLatch release;

    Blocking(CountDownLatch release) {
      this.release = release;
    }

    @Override
    protected void perform() throws InterruptedException {
      release.await();
    }
  }

  /** Performs {"n":…}; throws on {"action":"fail"}. */
  static final class Work extends Controller {
    @Override
    protected void perform() {
      if ("fail".equals(params().getString("action"))) {
        throw new IllegalStateException("job " + params().getLong("n") + " failed");
      }
    }
  }
}
