package io.karafka.web;

import static io.karafka.web.Html.escape;
import static io.karafka.web.Html.relative;

import io.karafka.consumer.ConsumerGroup;
import io.karafka.consumer.GroupMember;
import io.karafka.consumer.PartitionLag;
import io.karafka.job.ProcessInfo;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The consumers page of {@link JobsWeb}: consumer groups with each partition's offsets, lag and
 * holder, the servers (group members), the worker processes and the recent errors. Every value
 * from Kafka, the store or an error is escaped; no payload is ever shown.
 */
final class ConsumersHtml {
  private ConsumersHtml() {}

  /** What one part of the page got: its value, or why not. */
  record Part<T>(Optional<T> value, String problem) {
    static <T> Part<T> of(T value) {
      return new Part<>(Optional.of(value), "");
    }

    static <T> Part<T> missing(String why) {
      return new Part<>(Optional.empty(), why);
    }
  }

  static String page(Part<List<ConsumerGroup>> groups, Part<List<ProcessInfo>> workers,
                     Part<RecentErrors> errors, Instant now) {
    StringBuilder out = new StringBuilder(4096);
    out.append("<p>Computed from Kafka's admin API (committed and log-end offsets, group"
        + " members), so it holds while the app is down; workers from the job store's"
        + " heartbeats. <a href=\"/\">Back to the dashboard</a>.</p><h2>Consumer groups</h2>");
    problem(out, groups);
    groups.value().ifPresent(list -> list.forEach(group -> group(out, group)));
    out.append("<h2>Servers</h2>");
    problem(out, groups);
    groups.value().ifPresent(list -> servers(out, list));
    out.append("<h2>Workers</h2>");
    problem(out, workers);
    workers.value().ifPresent(list -> workers(out, list, now));
    out.append("<h2>Recent errors</h2>");
    problem(out, errors);
    errors.value().ifPresent(recent -> errors(out, recent, now));
    return out.toString();
  }

  private static void problem(StringBuilder out, Part<?> part) {
    if (part.value().isEmpty()) {
      out.append("<p class=\"error\">").append(escape(part.problem())).append("</p>");
    }
  }

  private static void group(StringBuilder out, ConsumerGroup group) {
    out.append("<section class=\"group\" data-group=\"").append(escape(group.group()))
        .append("\" data-lag=\"").append(group.lag()).append("\"><h3>")
        .append(escape(group.group())).append("</h3><p>").append(escape(group.state()))
        .append(", ").append(group.members().size()).append(" member(s), lag <b>")
        .append(group.lag()).append("</b></p>");
    if (!group.missingTopics().isEmpty()) {
      out.append("<p class=\"error\">Not in the cluster: ")
          .append(escape(String.join(", ", group.missingTopics()))).append("</p>");
    }
    out.append("<table><tr><th>topic</th><th class=\"num\">partition</th><th class=\"num\">"
        + "committed</th><th class=\"num\">log end</th><th class=\"num\">lag</th>"
        + "<th>held by</th></tr>");
    for (PartitionLag p : group.partitions()) {
      out.append("<tr><td>").append(escape(p.topic())).append("</td><td class=\"num\">")
          .append(p.partition()).append("</td><td class=\"num\">")
          .append(p.committed().isPresent() ? String.valueOf(p.committed().getAsLong())
              : "none").append("</td><td class=\"num\">").append(p.logEnd())
          .append("</td><td class=\"num\">").append(p.lag()).append("</td><td>");
      p.member().ifPresentOrElse(m -> member(out, m), () -> out.append("nobody"));
      out.append("</td></tr>");
    }
    out.append("</table></section>");
  }

  private static void member(StringBuilder out, GroupMember m) {
    out.append("<span title=\"").append(escape(m.clientId())).append("\">")
        .append(escape(m.host()));
    m.pid().ifPresent(pid -> out.append(" (pid ").append(pid).append(')'));
    out.append("</span>");
  }

  private static void servers(StringBuilder out, List<ConsumerGroup> groups) {
    out.append("<p>The members of the consumer groups, as Kafka's group coordinator sees"
        + " them.</p><table><tr><th>host</th><th>group</th><th class=\"num\">partitions</th>"
        + "<th>client id</th></tr>");
    boolean any = false;
    for (ConsumerGroup group : groups) {
      for (GroupMember m : group.members()) {
        any = true;
        out.append("<tr><td>");
        member(out, m);
        out.append("</td><td>").append(escape(group.group())).append("</td><td class=\"num\">")
            .append(group.partitionsOf(m)).append("</td><td><code>")
            .append(escape(m.clientId())).append("</code></td></tr>");
      }
    }
    if (!any) {
      out.append("<tr><td colspan=\"4\">no server consumes now</td></tr>");
    }
    out.append("</table>");
  }

  private static void workers(StringBuilder out, List<ProcessInfo> processes, Instant now) {
    out.append("<table><tr><th>process</th><th>host</th><th class=\"num\">pid</th>"
        + "<th class=\"num\">busy</th><th>version</th><th>started</th><th>heartbeat</th></tr>");
    if (processes.isEmpty()) {
      out.append("<tr><td colspan=\"7\">no worker process beats now</td></tr>");
    }
    for (ProcessInfo p : processes) {
      out.append("<tr><td><code>").append(escape(p.identity())).append("</code></td><td>")
          .append(escape(p.host())).append("</td><td class=\"num\">").append(p.pid())
          .append("</td><td class=\"num\">").append(p.busy());
      if (p.concurrency() > 0) {
        out.append(" / ").append(p.concurrency());
      }
      out.append("</td><td>").append(escape(p.version())).append("</td><td>")
          .append(when(p.startedAt(), now)).append("</td><td>")
          .append(when(p.lastHeartbeat(), now)).append("</td></tr>");
    }
    out.append("</table>");
  }

  private static void errors(StringBuilder out, RecentErrors recent, Instant now) {
    List<RecentErrors.RecentError> list = recent.list();
    out.append("<p>The last ").append(recent.capacity()).append(" errors of the process that"
        + " serves this page (not of the other servers and workers), the most recent first."
        + "</p><table><tr><th>when</th><th>where</th><th>error</th></tr>");
    if (list.isEmpty()) {
      out.append("<tr><td colspan=\"3\">none</td></tr>");
    }
    for (RecentErrors.RecentError e : list) {
      out.append("<tr><td>").append(when(e.at(), now)).append("</td><td>")
          .append(escape(e.where())).append("</td><td class=\"error\">")
          .append(escape(e.errorClass())).append(": ").append(escape(e.message()))
          .append("</td></tr>");
    }
    out.append("</table>");
  }

  private static String when(Instant at, Instant now) {
    return "<span title=\"" + at + "\">" + relative(at, now) + "</span>";
  }
}
