package io.karafka.examples.users;

import io.karafka.controller.Controller;
import io.karafka.params.Params;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Counts audit events per action, a whole poll at a time (batch mode, inline). */
public class AuditController extends Controller {
  private static final Map<String, Integer> COUNTS = new ConcurrentHashMap<>();

  @Override
  protected void perform() {
    for (Params event : paramsBatch()) {
      if (event.value() instanceof List<?> fields && fields.size() == 2) {
        COUNTS.merge(String.valueOf(fields.get(1)), 1, Integer::sum);
      }
    }
  }

  /** @return events counted per action so far */
  public static Map<String, Integer> counts() {
    return new TreeMap<>(COUNTS);
  }
}
