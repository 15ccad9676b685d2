package io.karafka.web;

import io.karafka.job.Job;
import io.karafka.job.JobBrowser;
import io.karafka.job.JobStoreStats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The pages of {@link JobsWeb}: plain HTML, every value from the store escaped. */
final class Html {
  private Html() {}

  static String page(String app, String heading, long refreshSeconds, String body) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + (refreshSeconds > 0 ? "<meta http-equiv=\"refresh\" content=\"" + refreshSeconds
            + "\">" : "")
        + "<title>" + escape(app) + " jobs: " + escape(heading) + "</title><style>"
        + "body{font-family:sans-serif;margin:2em;color:#222}"
        + "nav a{margin-right:1.5em}table{border-collapse:collapse;margin-top:1em}"
        + "td,th{border-bottom:1px solid #ddd;padding:.3em .8em;text-align:left;"
        + "vertical-align:top}.num{text-align:right}.error{color:#a00}"
        + "form{display:inline}.cards span{display:inline-block;margin:0 2em 1em 0}"
        + ".cards b{display:block;font-size:1.6em}</style></head><body>"
        + "<nav><a href=\"/\">Dashboard</a><a href=\"/consumers\">Consumers</a>"
        + "<a href=\"/scheduled\">Scheduled</a>"
        + "<a href=\"/retries\">Retries</a><a href=\"/dead\">Dead</a>"
        + "<a href=\"/stats.json\">stats.json</a></nav><h1>" + escape(app) + " jobs: "
        + escape(heading) + "</h1>" + body + "</body></html>\n";
  }

  static String dashboard(JobStoreStats stats, boolean browsable) {
    StringBuilder out = new StringBuilder("<div class=\"cards\">");
    card(out, "Processed", stats.processed());
    card(out, "Failed", stats.failed());
    card(out, "Running", stats.running());
    card(out, "Enqueued", stats.queued().values().stream().mapToLong(Long::longValue).sum());
    card(out, "Scheduled", stats.scheduled());
    card(out, "Retries", stats.retries());
    card(out, "Dead", stats.dead());
    out.append("</div><h2>Queues</h2><table><tr><th>queue</th><th class=\"num\">jobs"
        + "</th></tr>");
    if (stats.queued().isEmpty()) {
      out.append("<tr><td colspan=\"2\">no queue yet</td></tr>");
    }
    stats.queued().forEach((queue, size) -> out.append("<tr><td>").append(escape(queue))
        .append("</td><td class=\"num\">").append(size).append("</td></tr>"));
    out.append("</table>");
    if (!browsable) {
      out.append("<p>This job store cannot list its jobs (it is no JobBrowser).</p>");
    }
    out.append("<p><a href=\"/consumers\">Consumers</a>: each consumer group's lag per"
        + " partition, the servers and workers, the recent errors.</p>");
    return out.toString();
  }

  private static void card(StringBuilder out, String label, long value) {
    out.append("<span>").append(escape(label)).append("<b>").append(value)
        .append("</b></span>");
  }

  static String titleOf(JobBrowser.Section section) {
    return switch (section) {
      case SCHEDULED -> "Scheduled";
      case RETRIES -> "Retries";
      case DEAD -> "Dead";
    };
  }

  static String section(JobBrowser.Section section, List<Job> jobs, long total, int page,
                        int pageSize, String token, Instant now) {
    StringBuilder out = new StringBuilder("<p>").append(total).append(" job(s)");
    if (total > pageSize) {
      long pages = (total + pageSize - 1) / pageSize;
      out.append(", page ").append(page).append(" of ").append(pages);
      if (page > 1) {
        out.append(" <a href=\"?page=").append(page - 1).append("\">newer</a>");
      }
      if (page < pages) {
        out.append(" <a href=\"?page=").append(page + 1).append("\">more</a>");
      }
    }
    out.append("</p><table><tr><th>job</th><th>worker</th><th>queue</th><th>topic</th>")
        .append(section == JobBrowser.Section.DEAD ? "<th>died</th>" : "<th>runs</th>")
        .append(section == JobBrowser.Section.SCHEDULED ? "" : "<th class=\"num\">retries</th>"
            + "<th>error</th>")
        .append("<th></th></tr>");
    String base = "/" + JobsWeb.name(section) + "/";
    for (Job job : jobs) {
      String id = escape(job.id());
      Instant when = section == JobBrowser.Section.DEAD
          ? job.error().map(e -> e.failedAt()).orElse(null) : job.at().orElse(null);
      out.append("<tr><td><code>").append(id).append("</code></td><td>")
          .append(escape(job.worker())).append("</td><td>").append(escape(job.queue()))
          .append("</td><td>").append(escape(job.topic())).append("</td><td>")
          .append(when == null ? "" : "<span title=\"" + when + "\">" + relative(when, now)
              + "</span>")
          .append("</td>");
      if (section != JobBrowser.Section.SCHEDULED) {
        out.append("<td class=\"num\">").append(job.retryCount()).append(" / ")
            .append(job.retry()).append("</td><td class=\"error\">")
            .append(job.error().map(e -> escape(e.errorClass()) + ": "
                + escape(e.errorMessage())).orElse("")).append("</td>");
      }
      String action = base + java.net.URLEncoder.encode(job.id(),
          java.nio.charset.StandardCharsets.UTF_8);
      out.append("<td>").append(button(action + "/run", "Run now", token))
          .append(button(action + "/delete", "Delete", token)).append("</td></tr>");
    }
    return out.append("</table>").toString();
  }

  private static String button(String action, String label, String token) {
    return "<form method=\"post\" action=\"" + escape(action) + "\"><input type=\"hidden\""
        + " name=\"token\" value=\"" + token + "\"><button>" + label + "</button></form>";
  }

  /** @return "in 5 min", "3 h ago", ... */
  static String relative(Instant when, Instant now) {
    Duration d = Duration.between(now, when);
    boolean future = !d.isNegative();
    long s = Math.abs(d.toSeconds());
    if (s == 0) {
      return "now";
    }
    String amount = s < 60 ? s + " s" : s < 3_600 ? s / 60 + " min" : s < 86_400
        ? s / 3_600 + " h" : s / 86_400 + " d";
    return future ? "in " + amount : amount + " ago";
  }

  static String statsJson(JobStoreStats stats) {
    StringBuilder out = new StringBuilder("{\"processed\":").append(stats.processed())
        .append(",\"failed\":").append(stats.failed())
        .append(",\"running\":").append(stats.running())
        .append(",\"scheduled\":").append(stats.scheduled())
        .append(",\"retries\":").append(stats.retries())
        .append(",\"dead\":").append(stats.dead())
        .append(",\"queues\":{");
    String separator = "";
    for (Map.Entry<String, Long> queue : stats.queued().entrySet()) {
      out.append(separator).append(jsonString(queue.getKey())).append(':')
          .append(queue.getValue());
      separator = ",";
    }
    return out.append("}}").toString();
  }

  private static String jsonString(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** @return the text safe inside HTML elements and quoted attributes */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
