package io.karafka.app;

import io.karafka.controller.Controller;
import io.karafka.interchange.Interchanger;
import io.karafka.params.RawParams;
import io.karafka.parse.Parser;
import java.util.List;

/**
 * Fakes the app tests share: karafka-json is not a dependency of core, so apps get these as their
 * parser and interchanger.
 */
public final class AppFixtures {
  private AppFixtures() {}

  /** A controller that does nothing; its name has no responder by convention. */
  public static class Plain extends Controller {
    @Override
    protected void perform() {}
  }

  /** Text in, {@code toString()} out. */
  public static final class TextParser implements Parser {
    @Override
    public Object parse(byte[] payload) {
      return new String(payload);
    }

    @Override
    public byte[] generate(Object value) {
      return value.toString().getBytes();
    }
  }

  /** Never used by the build; only has to be there. */
  public static final class NoInterchanger implements Interchanger {
    @Override
    public String encode(List<RawParams> params) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<RawParams> decode(String encoded) {
      throw new UnsupportedOperationException();
    }
  }
}
