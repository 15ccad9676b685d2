package io.karafka.health;

import java.util.List;

/**
 * What a health question found: up only when every check is.
 *
 * @param checks every check, in a stable order
 */
public record HealthReport(List<HealthCheck> checks) {
  /** Copies. */
  public HealthReport {
    checks = List.copyOf(checks);
  }

  /** @return whether every check is up (a report with no check is up) */
  public boolean up() {
    return checks.stream().allMatch(HealthCheck::up);
  }

  /** @return the checks that are down */
  public List<HealthCheck> down() {
    return checks.stream().filter(c -> !c.up()).toList();
  }

  /**
   * @return the report as JSON: {@code {"status":"UP","checks":[{"name":...,"status":"DOWN",
   *     "detail":...}]}}
   */
  public String toJson() {
    StringBuilder json = new StringBuilder("{\"status\":\"").append(up() ? "UP" : "DOWN")
        .append("\",\"checks\":[");
    for (int i = 0; i < checks.size(); i++) {
      HealthCheck c = checks.get(i);
      json.append(i == 0 ? "" : ",").append("{\"name\":");
      quote(json, c.name());
      json.append(",\"status\":\"").append(c.up() ? "UP" : "DOWN").append("\",\"detail\":");
      quote(json, c.detail());
      json.append('}');
    }
    return json.append("]}").toString();
  }

  private static void quote(StringBuilder json, String text) {
    json.append('"');
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      switch (ch) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (ch < 0x20) {
            json.append(String.format("\\u%04x", (int) ch));
          } else {
            json.append(ch);
          }
        }
      }
    }
    json.append('"');
  }
}
