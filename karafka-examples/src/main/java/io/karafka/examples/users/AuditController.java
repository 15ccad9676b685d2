package io.karafka.examples.users;

import io.karafka.controller.Controller;
import io.karafka.params.Params;
import java.util.List;

/** Counts audit events per action, a whole poll at a time (batch mode, inline). */
public class AuditController extends Controller {
  private final AuditCounts counts;

  /** @param counts where the events are counted */
  public AuditController(AuditCounts counts) {
    this.counts = counts;
  }

  @Override
  protected void perform() {
    for (Params event : paramsBatch()) {
      if (event.value() instanceof List<?> fields && fields.size() == 2) {
        counts.count(String.valueOf(fields.get(1)));
      }
    }
  }
}
